import { Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../confirm-button';
import type { DocumentRow } from '../live-documents';
import { parseTags } from '../tags';

/** Requests in flight at once: enough to be quick, few enough to leave the gateway's rate limit to other clients. */
const PARALLEL = 4;

interface BulkActions {
  retry: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  retag: (id: string, tags: string[]) => Promise<void>;
}

/** Runs the action on every row, a few at a time, and answers the failures with their reasons. */
async function eachRow(rows: DocumentRow[], action: (row: DocumentRow) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const name = row.summary.title ?? row.summary.fileName;
      await action(row).catch((error: Error) => failures.push(`${name}: ${error.message}`));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, rows.length) }, worker));
  return failures;
}

/** What a bulk action did, in words: how many succeeded, and each failure with its reason. */
function summarise(verb: string, count: number, failures: string[]): string {
  const done = `${verb} ${count - failures.length} of ${count} ${count === 1 ? 'document' : 'documents'}`;
  return failures.length === 0 ? done : `${done}. Not done: ${failures.join('; ')}`;
}

/** Reprocess, tag or delete the selected documents of the page; what the last action did stays said after it cleared the selection. */
export function BulkActionBar({ rows, actions, onDone }: { rows: DocumentRow[]; actions: BulkActions; onDone: () => void }) {
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const run = async (verb: string, action: (row: DocumentRow) => Promise<void>) => {
    setBusy(true);
    setOutcome(null);
    const failures = await eachRow(rows, action);
    setBusy(false);
    setOutcome(summarise(verb, rows.length, failures));
    if (failures.length === 0) onDone();
  };
  const addTags = (event: FormEvent) => {
    event.preventDefault();
    const added = parseTags(tags);
    if (added.length === 0) return;
    void run('Tagged', (row) => actions.retag(row.summary.id, [...new Set([...row.summary.tags, ...added])])).then(() => setTags(''));
  };
  const remove = () => void run('Deleted', (row) => actions.remove(row.summary.id));
  return (
    <Paper withBorder p="xs" mb="sm">
      <Group
        className="bulk-actions"
        role="group"
        aria-label="Actions on the selected documents"
        data-testid="bulk-actions"
        align="flex-end"
        gap="sm"
      >
        <Text component="span" data-testid="selected-count" mb={6}>
          {rows.length === 0 ? 'Select documents to act on several at once' : `${rows.length} selected`}
        </Text>
        <Button
          variant="default"
          disabled={busy || rows.length === 0}
          onClick={() => void run('Queued', (row) => actions.retry(row.summary.id))}
        >
          Reprocess
        </Button>
        <form onSubmit={addTags}>
          <Group align="flex-end" gap="xs">
            <TextInput
              name="bulk-tags"
              label="Add tags"
              value={tags}
              placeholder="e.g. taxes, 2026"
              onChange={(event) => setTags(event.currentTarget.value)}
            />
            <Button type="submit" variant="default" disabled={busy || rows.length === 0 || parseTags(tags).length === 0}>
              Add
            </Button>
          </Group>
        </form>
        <ConfirmButton
          disabled={busy || rows.length === 0}
          title={`Delete ${rows.length === 1 ? 'this document' : `these ${rows.length} documents`}?`}
          message="Their originals, text and search entries are removed."
          onConfirm={remove}
        >
          Delete
        </ConfirmButton>
        <Text component="span" role="status" c="dimmed" data-testid="bulk-outcome" mb={6}>
          {busy ? 'Working…' : outcome}
        </Text>
      </Group>
    </Paper>
  );
}
