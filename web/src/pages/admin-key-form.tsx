import { Button, PasswordInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { adminKey, api, describeAdminFailure } from '../api';
import { ErrorAlert } from '../components';
import { FormRow } from '../form-row';

/** Where an operator enters an admin key on an admin page; it is kept (and the page opens) once the gateway accepts it. */
export function AdminKeyForm({ note }: { note: string }) {
  const [draft, setDraft] = useState(adminKey.get());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.adminSession(draft.trim());
      adminKey.set(draft);
      setError(null);
    } catch (cause) {
      setError(describeAdminFailure(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FormRow className="admin-key" onSubmit={(event) => void save(event)} mb="md">
        <PasswordInput
          name="admin-key"
          label="Admin key"
          description={note}
          maw={480}
          flex={1}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          Use
        </Button>
      </FormRow>
      <ErrorAlert>{error}</ErrorAlert>
    </>
  );
}
