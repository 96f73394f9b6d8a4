import { useState, type FormEvent } from 'react';
import { api, describeFailure } from './api';

/** The first screen: a key is asked for and checked with the gateway before the app opens with it. */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (key: string) => void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.check(draft.trim());
      onSignedIn(draft.trim());
    } catch (cause) {
      setError(describeFailure(cause));
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>Sign in to docpipe</h1>
      <form className="api-key" onSubmit={(event) => void submit(event)}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="current-password"
          required
          value={draft}
          aria-describedby="api-key-help"
          onChange={(event) => setDraft(event.target.value)}
        />
        <p id="api-key-help" className="muted">
          Your administrator gives you a key (the gateway’s API_KEYS); it decides whose documents you see. Running locally, it is dev-key.
          It is kept until you sign out or close this tab.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
