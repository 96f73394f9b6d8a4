import { Badge, Checkbox, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '../components';
import { DataTable } from '../data-table';
import { isFiltered, parseFilters } from '../list-filters';
import { isFinal, STAGES, useLiveDocuments, type DocumentRow } from '../live-documents';
import { useSearch } from '../router';
import { BulkActionBar } from './bulk-actions';
import { DocumentFilters, Pager } from './document-filters';
import { Row } from './document-row';
import { ListFacets } from './list-facets';
import { SavedViews } from './saved-views';
import { Uploader } from './uploader';

/** Says when a document on the page finishes (indexed, failed, cancelled), for screen readers: the table changes silently. */
function StatusAnnouncer({ rows }: { rows: DocumentRow[] }) {
  const seen = useRef(new Map<string, string>());
  const [message, setMessage] = useState('');
  useEffect(() => {
    const finished = rows.filter((row) => {
      const before = seen.current.get(row.summary.id);
      return before !== undefined && before !== row.summary.status && isFinal(row.summary.status);
    });
    for (const row of rows) seen.current.set(row.summary.id, row.summary.status);
    if (finished.length > 0) setMessage(finished.map((row) => `${row.summary.fileName}: ${row.summary.status}`).join('. '));
  }, [rows]);
  return (
    <VisuallyHidden aria-live="polite" data-testid="announcer">
      {message}
    </VisuallyHidden>
  );
}

/** Not by colour alone: the badge says the state in words too. */
const CONNECTION_COLOURS = { connecting: 'gray', live: 'green', offline: 'red' } as const;

export function DocumentsPage() {
  const search = useSearch();
  const filters = useMemo(() => parseFilters(search), [search]);
  const { rows, total, facets, connection, error, track, retry, cancel, remove, retag } = useLiveDocuments(filters);
  // Selection is of rows on this page: another page or view starts with none.
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setSelection(new Set()), [search]);
  const select = useCallback(
    (id: string, selected: boolean) =>
      setSelection((current) => {
        const next = new Set(current);
        if (selected) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const selectedRows = rows.filter((row) => selection.has(row.summary.id));
  const allSelected = rows.length > 0 && selectedRows.length === rows.length;
  return (
    <>
      <Group gap="sm" align="center" mb="sm">
        <Title order={1}>Documents</Title>
        <Badge variant="dot" color={CONNECTION_COLOURS[connection]} data-testid="connection" title="Live updates from the server">
          {connection}
        </Badge>
      </Group>
      <Uploader onAccepted={track} />
      <section aria-label="Your documents">
        <StatusAnnouncer rows={rows} />
        <SavedViews search={search} />
        <DocumentFilters key={search} filters={filters} />
        <ListFacets facets={facets} filters={filters} />
        <ErrorAlert>{error}</ErrorAlert>
        <BulkActionBar rows={selectedRows} actions={{ retry, remove, retag }} onDone={() => setSelection(new Set())} />
        <DataTable
          label="Documents table"
          className="documents"
          caption="Documents in the chosen order, with the state of each processing stage"
          columns={[
            {
              key: 'select',
              className: 'select',
              label: (
                <Checkbox
                  aria-label="Select all documents on this page"
                  checked={allSelected}
                  onChange={(event) => setSelection(new Set(event.currentTarget.checked ? rows.map((row) => row.summary.id) : []))}
                />
              ),
            },
            'Document',
            'Status',
            ...STAGES.map((stage) => ({ key: stage, label: stage, className: 'stage-head' })),
            'Type',
            'Tags',
            'Problem',
          ]}
        >
          {rows.map((row) => (
            <Row
              key={row.summary.id}
              row={row}
              selected={selection.has(row.summary.id)}
              onSelect={select}
              onRetry={retry}
              onCancel={cancel}
              onDelete={remove}
            />
          ))}
        </DataTable>
        {rows.length === 0 && !error && (
          <Text c="dimmed" my="md">
            {isFiltered(filters) ? 'No documents match these filters.' : 'No documents yet.'}
          </Text>
        )}
        <Pager filters={filters} total={total} />
      </section>
    </>
  );
}
