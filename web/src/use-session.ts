import { useCallback, useEffect, useState } from 'react';
import { api, apiKey, describeFailure, type SessionView } from './api';

/**
 * Who the signed-in key is (GET /api/v1/me): what sign-in learnt, or asked again after a reload. A refused key
 * signs the app out (KEY_REFUSED_EVENT); any other failure is returned to be said on the page.
 */
export function useSession(signedIn: boolean): {
  session: SessionView | null;
  error: string | null;
  setSession: (session: SessionView | null) => void;
} {
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!signedIn || session) return;
    let stopped = false;
    api.session(apiKey.get()).then(
      (found) => !stopped && setSession(found),
      (cause: unknown) => !stopped && setError(describeFailure(cause)),
    );
    return () => {
      stopped = true;
    };
  }, [signedIn, session]);
  // A new session (or none) leaves what went wrong with the last one behind.
  const replace = useCallback((next: SessionView | null) => {
    setError(null);
    setSession(next);
  }, []);
  return { session, error, setSession: replace };
}
