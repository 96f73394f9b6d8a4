import { useState, type DragEvent } from 'react';
import { uploadFile } from '../api';
import { Link, StalledBadge, TypeBadge } from '../components';
import { formatBytes, formatDuration } from '../format';
import { isFinal, STAGES, useLiveDocuments, type DocumentRow } from '../live-documents';

interface Upload {
  key: string;
  fileName: string;
  progress: number;
  state: 'uploading' | 'accepted' | 'rejected';
  message?: string;
}

function Uploader({ onAccepted }: { onAccepted: (id: string) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${Date.now()}-${Math.random()}`;
      setUploads((all) => [{ key, fileName: file.name, progress: 0, state: 'uploading' }, ...all]);
      uploadFile(file, (progress) => update(key, { progress }))
        .then((outcome) => {
          const result = outcome.documents[0];
          if (!result?.id) return update(key, { state: 'rejected', message: result?.error?.message ?? 'Refused' });
          update(key, {
            state: 'accepted',
            progress: 1,
            message: result.duplicateOf ? 'Already uploaded' : undefined,
          });
          onAccepted(result.id);
        })
        .catch((error: Error) => update(key, { state: 'rejected', message: error.message }));
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start(event.dataTransfer.files);
  };

  return (
    <section>
      <label
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        Drop files here or choose them
        <input
          type="file"
          multiple
          data-testid="file-input"
          onChange={(event) => {
            start(event.target.files);
            event.target.value = '';
          }}
        />
      </label>
      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((upload) => (
            <li key={upload.key} data-state={upload.state}>
              <span>{upload.fileName}</span>
              <progress max={1} value={upload.progress} />
              <span className={upload.state === 'rejected' ? 'error' : ''}>{upload.message ?? upload.state}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

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
      <td>
        <Link to={`/documents/${summary.id}`}>{summary.fileName}</Link>
        <div className="muted">{formatBytes(summary.sizeBytes)}</div>
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
  const { rows, connection, error, track, retry, cancel } = useLiveDocuments();
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
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.summary.id} row={row} onRetry={retry} onCancel={cancel} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error && <p className="muted">No documents yet.</p>}
      </section>
    </>
  );
}
