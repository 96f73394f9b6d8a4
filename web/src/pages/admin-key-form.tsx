import { Button, PasswordInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { adminKey } from '../api';

/** Where an operator enters an admin key for the admin pages (kept for the tab's session, apart from the tenant's key). */
export function AdminKeyForm({ note, onKey }: { note: string; onKey: (key: string) => void }) {
  const [draft, setDraft] = useState(adminKey.get());
  const save = (event: FormEvent) => {
    event.preventDefault();
    adminKey.set(draft);
    onKey(draft.trim());
  };
  return (
    <form className="admin-key" onSubmit={save}>
      <PasswordInput name="admin-key" label="Admin key" value={draft} onChange={(event) => setDraft(event.currentTarget.value)} />
      <Button type="submit">Use</Button>
      <span className="muted"> {note}</span>
    </form>
  );
}
