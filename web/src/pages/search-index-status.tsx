import { Progress, Text, Title } from '@mantine/core';
import type { SearchIndexStatus } from '../api';

/** The search index under the queues: chunks, background maintenance and a re-embedding's progress. */
export function SearchIndexStatusPanel({ status, error }: { status: SearchIndexStatus | null; error: string | null }) {
  if (!status) return <Text c="dimmed">Search index: {error ?? 'no answer from indexing'}</Text>;
  const { maintenance, reembedding } = status;
  return (
    <div className="search-index-status" data-testid="search-index-status">
      <Title order={2}>Search index</Title>
      <Text>
        <strong>{status.indexName}</strong> ({status.engine}), <span className="chunks">{status.chunks}</span> chunks
      </Text>
      {maintenance && (
        <Text className="maintenance" data-state={maintenance.state}>
          Maintenance: {maintenance.state === 'running' ? 'running' : 'idle'}, {maintenance.unindexedRows} rows waiting to be indexed
          (searched exactly meanwhile), {maintenance.runs} runs
          {maintenance.lastRun &&
            `, last ${new Date(maintenance.lastRun.startedAt).toLocaleTimeString()} took ${(maintenance.lastRun.durationMs / 1000).toFixed(1)} s` +
              (maintenance.lastRun.error ? ` and failed: ${maintenance.lastRun.error}` : '')}
        </Text>
      )}
      {reembedding.state !== 'idle' && (
        <div className="reembedding" data-state={reembedding.state}>
          <Text>
            Re-embedding {reembedding.from ?? ''} → {reembedding.to}:{' '}
            {reembedding.state === 'switched'
              ? 'done, searches read the new index'
              : `${reembedding.done} of ${reembedding.documents} documents`}
            {reembedding.failed > 0 && `, ${reembedding.failed} failed (retried): ${reembedding.lastError ?? ''}`}
          </Text>
          {reembedding.state === 'reembedding' && (
            <Progress
              value={(100 * reembedding.done) / Math.max(1, reembedding.documents)}
              aria-label={`Re-embedded ${reembedding.done} of ${reembedding.documents} documents`}
            />
          )}
        </div>
      )}
    </div>
  );
}
