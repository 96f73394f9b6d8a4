import { z } from 'zod';
import { defineRequest } from '../request';

const isoTime = z.string().datetime();

export const ReadIndexStatus = defineRequest({
  name: 'indexing.index-status',
  service: 'indexing',
  description:
    'What the search index is doing, for the Pipeline page: its chunks, the background maintenance of the embedded ' +
    'engine (rows not yet in its indexes, the last run) and a re-embedding after an embedder change (documents copied of all).',
  request: z.object({}),
  response: z.object({
    engine: z.string(),
    indexName: z.string(),
    chunks: z.number().int().nonnegative(),
    /** The embedded engine's background maintenance; null for OpenSearch, which maintains itself. */
    maintenance: z
      .object({
        state: z.enum(['idle', 'running']),
        unindexedRows: z.number().int().nonnegative(),
        runs: z.number().int().nonnegative(),
        lastRun: z
          .object({
            startedAt: isoTime,
            durationMs: z.number().nonnegative(),
            rowsIndexed: z.number().int().nonnegative(),
            error: z.string().nullable(),
          })
          .nullable(),
      })
      .nullable(),
    reembedding: z.object({
      state: z.enum(['idle', 'reembedding', 'switched']),
      from: z.string().nullable(),
      to: z.string(),
      documents: z.number().int().nonnegative(),
      done: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      lastError: z.string().nullable(),
      startedAt: isoTime.nullable(),
      switchedAt: isoTime.nullable(),
    }),
  }),
  errors: [],
});
