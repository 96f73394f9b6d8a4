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
      <label>
        Admin key <input name="admin-key" type="password" value={draft} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button type="submit">Use</button>
      <span className="muted"> {note}</span>
    </form>
  );
}
