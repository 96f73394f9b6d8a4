import { useMemo, useState } from 'react';
import { Thumbnail } from '../authorized-image';
import { Link, StalledBadge, TypeBadge } from '../components';
import { formatBytes, formatDuration } from '../format';
import { isFiltered, parseFilters } from '../list-filters';
import { isFinal, STAGES, useLiveDocuments, type DocumentRow } from '../live-documents';
import { useSearch } from '../router';
import { DocumentFilters, Pager } from './document-filters';
import { Uploader } from './uploader';

/** Before extraction there is no thumbnail to ask for. */
const NOT_DRAWN = new Set(['queued', 'extracting']);

interface RowActions {
  onRetry: (id: string) => Promise<void>;
  onCancel: (id: string) => Promise<void>;
}

function Row({ row, onRetry, onCancel }: { row: DocumentRow } & RowActions) {
  const { summary } = row;
  const [actionError, setActionError] = useState<string | null>(null);
  const act = (action: (id: string) => Promise<void>) => () => action(summary.id).catch((error: Error) => setActionError(error.message));
  return (
    <tr data-testid="document-row" data-file-name={summary.fileName} data-status={summary.status} data-last-seq={row.lastSeq}>
      <td className="file">
        <Thumbnail id={summary.id} mediaType={summary.mediaType} ready={!NOT_DRAWN.has(summary.status)} />
        <div>
          <Link to={`/documents/${summary.id}`}>{summary.fileName}</Link>
          <div className="muted">{formatBytes(summary.sizeBytes)}</div>
        </div>
      </td>
      <td className="status">
        {summary.status} <StalledBadge stalled={summary.stalled} />
      </td>
      {STAGES.map((stage) => (
        <td
          key={stage}
          className={`stage stage-${row.stages[stage].status}`}
          data-stage={stage}
          data-stage-status={row.stages[stage].status}
        >
          {row.stages[stage].status}
          <div className="muted">{formatDuration(row.stages[stage].durationMs)}</div>
        </td>
      ))}
      <td>
        <TypeBadge type={summary.documentType} confidence={summary.confidence} />
      </td>
      <td className="tags" data-testid="tags">
        {summary.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </td>
      <td>
        {row.error && (
          <>
            <span className="error" data-testid="failure">
              {row.error.stage}: {row.error.reason}
            </span>{' '}
            <button type="button" onClick={act(onRetry)}>
              Retry
            </button>
          </>
        )}
        {!isFinal(summary.status) && (
          <button type="button" onClick={act(onCancel)}>
            Cancel
          </button>
        )}
        {actionError && <span className="error">{actionError}</span>}
      </td>
    </tr>
  );
}

export function DocumentsPage() {
  const search = useSearch();
  const filters = useMemo(() => parseFilters(search), [search]);
  const { rows, total, connection, error, track, retry, cancel } = useLiveDocuments(filters);
  return (
    <>
      <Uploader onAccepted={track} />
      <section>
        <h2>
          Documents{' '}
          <span className={`connection ${connection}`} data-testid="connection">
            {connection}
          </span>
        </h2>
        <DocumentFilters key={search} filters={filters} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <table className="documents">
          <thead>
            <tr>
              <th>File</th>
              <th>Status</th>
              {STAGES.map((stage) => (
                <th key={stage}>{stage}</th>
              ))}
              <th>Type</th>
              <th>Tags</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.summary.id} row={row} onRetry={retry} onCancel={cancel} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error && (
          <p className="muted">{isFiltered(filters) ? 'No documents match these filters.' : 'No documents yet.'}</p>
        )}
        <Pager filters={filters} total={total} />
      </section>
    </>
  );
}
