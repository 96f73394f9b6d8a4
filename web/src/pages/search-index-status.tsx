import type { SearchIndexStatus } from '../api';

/** The search index under the queues: chunks, background maintenance and a re-embedding's progress. */
export function SearchIndexStatusPanel({ status, error }: { status: SearchIndexStatus | null; error: string | null }) {
  if (!status) return <p className="muted">Search index: {error ?? 'no answer from indexing'}</p>;
  const { maintenance, reembedding } = status;
  return (
    <div className="search-index-status" data-testid="search-index-status">
      <h2>Search index</h2>
      <p>
        <strong>{status.indexName}</strong> ({status.engine}), <span className="chunks">{status.chunks}</span> chunks
      </p>
      {maintenance && (
        <p className="maintenance" data-state={maintenance.state}>
          Maintenance: {maintenance.state === 'running' ? 'running' : 'idle'}, {maintenance.unindexedRows} rows waiting to be indexed
          (searched exactly meanwhile), {maintenance.runs} runs
          {maintenance.lastRun &&
            `, last ${new Date(maintenance.lastRun.startedAt).toLocaleTimeString()} took ${(maintenance.lastRun.durationMs / 1000).toFixed(1)} s` +
              (maintenance.lastRun.error ? ` and failed: ${maintenance.lastRun.error}` : '')}
        </p>
      )}
      {reembedding.state !== 'idle' && (
        <div className="reembedding" data-state={reembedding.state}>
          <p>
            Re-embedding {reembedding.from ?? ''} → {reembedding.to}:{' '}
            {reembedding.state === 'switched'
              ? 'done, searches read the new index'
              : `${reembedding.done} of ${reembedding.documents} documents`}
            {reembedding.failed > 0 && `, ${reembedding.failed} failed (retried): ${reembedding.lastError ?? ''}`}
          </p>
          {reembedding.state === 'reembedding' && <progress max={Math.max(1, reembedding.documents)} value={reembedding.done} />}
        </div>
      )}
    </div>
  );
}
