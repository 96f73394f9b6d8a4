import { Button, Container, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, describeFailure } from './api';
import { ErrorAlert } from './components';

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
    <Container component="main" size={460} my={64}>
      <Paper withBorder p="lg" radius="md">
        <Title order={1} size="h2" mb="md">
          Sign in to docpipe
        </Title>
        <form className="api-key" onSubmit={(event) => void submit(event)}>
          <Stack gap="sm">
            <PasswordInput
              id="api-key"
              name="apiKey"
              label="API key"
              autoComplete="current-password"
              required
              value={draft}
              description="Your administrator gives you a key (the gateway’s API_KEYS); it decides whose documents you see. Running locally, it is dev-key. It is kept until you sign out or close this tab."
              onChange={(event) => setDraft(event.currentTarget.value)}
            />
            <ErrorAlert>{error}</ErrorAlert>
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
