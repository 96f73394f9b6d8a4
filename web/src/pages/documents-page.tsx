import { useEffect, useMemo, useRef, useState } from 'react';
import { ScrollRegion } from '../components';
import { isFiltered, parseFilters } from '../list-filters';
import { isFinal, STAGES, useLiveDocuments, type DocumentRow } from '../live-documents';
import { useSearch } from '../router';
import { DocumentFilters, Pager } from './document-filters';
import { Row } from './document-row';
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
  const { rows, total, connection, error, track, retry, cancel, remove } = useLiveDocuments(filters);
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
        <DocumentFilters key={search} filters={filters} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <ScrollRegion label="Documents table">
          <table className="documents">
            <caption className="visually-hidden">Documents, newest first, with the state of each processing stage</caption>
            <thead>
              <tr>
                <th>File</th>
                <th>Status</th>
                {STAGES.map((stage) => (
                  <th key={stage} className="stage-head">
                    {stage}
                  </th>
                ))}
                <th>Type</th>
                <th>Tags</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.summary.id} row={row} onRetry={retry} onCancel={cancel} onDelete={remove} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {rows.length === 0 && !error && (
          <p className="muted">{isFiltered(filters) ? 'No documents match these filters.' : 'No documents yet.'}</p>
        )}
        <Pager filters={filters} total={total} />
      </section>
    </>
  );
}
