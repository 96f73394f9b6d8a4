import { Table } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ScrollRegion } from '../components';
import { isFiltered, parseFilters } from '../list-filters';
import { isFinal, STAGES, useLiveDocuments, type DocumentRow } from '../live-documents';
import { useSearch } from '../router';
import { BulkActionBar } from './bulk-actions';
import { DocumentFilters, Pager } from './document-filters';
import { Row } from './document-row';
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
    <p className="visually-hidden" aria-live="polite" data-testid="announcer">
      {message}
    </p>
  );
}

export function DocumentsPage() {
  const search = useSearch();
  const filters = useMemo(() => parseFilters(search), [search]);
  const { rows, total, connection, error, track, retry, cancel, remove, retag } = useLiveDocuments(filters);
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
      <h1>
        Documents{' '}
        <span className={`connection ${connection}`} data-testid="connection">
          {connection}
        </span>
      </h1>
      <Uploader onAccepted={track} />
      <section aria-label="Your documents">
        <StatusAnnouncer rows={rows} />
        <SavedViews search={search} />
        <DocumentFilters key={search} filters={filters} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <BulkActionBar rows={selectedRows} actions={{ retry, remove, retag }} onDone={() => setSelection(new Set())} />
        <ScrollRegion label="Documents table">
          <Table className="documents" verticalSpacing="xs" highlightOnHover>
            <Table.Caption className="visually-hidden">
              Documents in the chosen order, with the state of each processing stage
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="select">
                  <input
                    type="checkbox"
                    aria-label="Select all documents on this page"
                    checked={allSelected}
                    onChange={(event) => setSelection(new Set(event.target.checked ? rows.map((row) => row.summary.id) : []))}
                  />
                </Table.Th>
                <Table.Th>Document</Table.Th>
                <Table.Th>Status</Table.Th>
                {STAGES.map((stage) => (
                  <Table.Th key={stage} className="stage-head">
                    {stage}
                  </Table.Th>
                ))}
                <Table.Th>Type</Table.Th>
                <Table.Th>Tags</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
            </Table.Tbody>
          </Table>
        </ScrollRegion>
        {rows.length === 0 && !error && (
          <p className="muted">{isFiltered(filters) ? 'No documents match these filters.' : 'No documents yet.'}</p>
        )}
        <Pager filters={filters} total={total} />
      </section>
    </>
  );
}
