import { Button, Checkbox, Container, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { adminKey, api, describeAdminFailure, describeFailure, type SessionView } from './api';
import { ErrorAlert } from './components';

/**
 * The first screen: a key is asked for and the gateway says who it is (GET /api/v1/me) before the app opens with it.
 * An operator may add an admin key, checked too: holding one is what shows the Pipeline and Keys pages.
 */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (key: string, session: SessionView) => void }) {
  const [draft, setDraft] = useState('');
  const [operator, setOperator] = useState(false);
  const [adminDraft, setAdminDraft] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    let session: SessionView;
    try {
      session = await api.session(draft.trim());
    } catch (cause) {
      setError(describeFailure(cause));
      setBusy(false);
      return;
    }
    if (operator) {
      try {
        await api.adminSession(adminDraft.trim());
      } catch (cause) {
        setError(describeAdminFailure(cause));
        setBusy(false);
        return;
      }
      adminKey.set(adminDraft);
    }
    onSignedIn(draft.trim(), session);
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
            <Checkbox
              name="operator"
              label="I run this installation: also use an admin key"
              checked={operator}
              onChange={(event) => setOperator(event.currentTarget.checked)}
            />
            {operator && (
              <PasswordInput
                name="signInAdminKey"
                label="Admin key"
                required
                value={adminDraft}
                description="One of the gateway’s ADMIN_API_KEYS: it opens the Pipeline and Keys pages."
                onChange={(event) => setAdminDraft(event.currentTarget.value)}
              />
            )}
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
