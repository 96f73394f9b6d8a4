import { Button, PasswordInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { adminKey } from '../api';
import { FormRow } from '../form-row';

/** Where an operator enters an admin key for the admin pages (kept for the tab's session, apart from the tenant's key). */
export function AdminKeyForm({ note, onKey }: { note: string; onKey: (key: string) => void }) {
  const [draft, setDraft] = useState(adminKey.get());
  const save = (event: FormEvent) => {
    event.preventDefault();
    adminKey.set(draft);
    onKey(draft.trim());
  };
  return (
    <FormRow className="admin-key" onSubmit={save} mb="md">
      <PasswordInput
        name="admin-key"
        label="Admin key"
        description={note}
        maw={480}
        flex={1}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
      />
      <Button type="submit">Use</Button>
    </FormRow>
  );
}
