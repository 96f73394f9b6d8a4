import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  /** The last answer; null until the first arrives (or after a failure, with `keepOnFailure` off). */
  value: T | null;
  /** What went wrong, in words a user can act on; null after a success. */
  error: string | null;
  setError: (error: string | null) => void;
  /** Asks again, e.g. after an action changed what is listed. */
  reload: () => void;
}

/**
 * What a page lists from the API, loaded when it mounts (and when `fetch` changes), with its failure in words:
 * the one loading state the Keys and Webhooks pages and a webhook's deliveries used to keep by hand.
 * `enabled` false waits (nothing to ask with yet, e.g. no admin key); `keepOnFailure` false forgets the last
 * answer when asking again fails (a list the user may no longer see).
 */
export function useLoaded<T>(
  fetch: () => Promise<T>,
  describe: (cause: unknown) => string,
  { enabled = true, keepOnFailure = true }: { enabled?: boolean; keepOnFailure?: boolean } = {},
): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    fetch().then(
      (next) => {
        setValue(next);
        setError(null);
      },
      (cause: unknown) => {
        if (!keepOnFailure) setValue(null);
        setError(describe(cause));
      },
    );
  }, [fetch, describe, keepOnFailure]);
  useEffect(() => {
    if (enabled) reload();
  }, [enabled, reload]);
  return { value, error, setError, reload };
}
