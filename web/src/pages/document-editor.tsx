import { Button, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, type DocumentEdit, type DocumentView } from '../api';
import { FormRow } from '../form-row';
import { formatTags, parseTags } from '../tags';
import { TypeInput } from '../type-input';

/** Only what the form changed: an unchanged field is not sent, so it is neither rewritten nor recorded as an edit. */
function changesOf(document: DocumentView, title: string, tags: string, type: string): DocumentEdit {
  const changes: DocumentEdit = {};
  const wantedTitle = title.trim() === '' || title.trim() === document.fileName ? null : title.trim();
  if (wantedTitle !== document.title) changes.title = wantedTitle;
  const wantedTags = parseTags(tags);
  if (formatTags(wantedTags) !== formatTags(document.tags)) changes.tags = wantedTags;
  if (type.trim() !== '' && type.trim() !== document.documentType) changes.type = type.trim();
  return changes;
}

/**
 * Title, tags and type by hand, saved in one request and recorded on the document's timeline. A new type outranks
 * later classifications and is learned for the tenant's next documents; an empty title shows the file name again.
 */
export function DocumentEditor({ document, onSaved }: { document: DocumentView; onSaved: (document: DocumentView) => void }) {
  const [title, setTitle] = useState(document.title ?? '');
  const [tags, setTags] = useState(formatTags(document.tags));
  const [type, setType] = useState(document.documentType ?? '');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changes = changesOf(document, title, tags, type);
  const changed = Object.keys(changes).length > 0;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setOutcome(null);
    api.edit(document.id, changes).then(
      (saved) => {
        setOutcome('Saved');
        onSaved(saved);
      },
      (cause: Error) => setError(cause.message),
    );
  };
  return (
    <FormRow className="document-editor" label="Edit title, tags and type" onSubmit={save} mb="md">
      <TextInput
        name="title"
        label="Title"
        value={title}
        placeholder={document.fileName}
        maxLength={200}
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <TextInput name="tags" label="Tags (comma-separated)" value={tags} onChange={(event) => setTags(event.currentTarget.value)} />
      <TypeInput data-testid="type-input" value={type} onChange={setType} />
      <Button type="submit" disabled={!changed}>
        Save
      </Button>
      <Text component="span" role="status" c="dimmed" data-testid="edit-outcome">
        {changed ? '' : outcome}
      </Text>
      {error && (
        <Text component="span" c="error" role="alert">
          {error}
        </Text>
      )}
    </FormRow>
  );
}
