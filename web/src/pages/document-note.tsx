import { Button, Group, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, type DocumentView } from '../api';
import { ErrorAlert } from '../components';

/** The reader's own note on a document, saved on its own (an empty note removes it); each change is on the timeline. */
export function DocumentNote({ document, onSaved }: { document: DocumentView; onSaved: (document: DocumentView) => void }) {
  const [draft, setDraft] = useState(document.note ?? '');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wanted = draft.trim() === '' ? null : draft.trim();
  const changed = wanted !== document.note;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setOutcome(null);
    api
      .edit(document.id, { note: wanted })
      .then(
        (saved) => {
          setOutcome(saved.note === null ? 'Note removed' : 'Note saved');
          onSaved(saved);
        },
        (cause: Error) => setError(cause.message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="document-note" onSubmit={save}>
      <Textarea
        name="note"
        aria-label="Note"
        description="For you and everyone who can see this document; empty it to remove the note."
        placeholder="What to remember about this document"
        autosize
        minRows={3}
        maxRows={12}
        maxLength={10_000}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
      />
      <Group gap="sm" mt="xs" mb="md">
        <Button type="submit" variant="default" disabled={!changed} loading={busy}>
          Save note
        </Button>
        <Text component="span" role="status" c="dimmed" data-testid="note-outcome">
          {changed ? '' : outcome}
        </Text>
      </Group>
      <ErrorAlert>{error}</ErrorAlert>
    </form>
  );
}
