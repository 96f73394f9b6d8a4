import { z } from 'zod';
import { defineEvent } from '../contract';
import { producerSchema } from './stage';

export const DocumentIndexed = defineEvent({
  type: 'document.indexed',
  version: 1,
  description: 'Chunks and embeddings are in the search index; the document is searchable.',
  payload: z.object({
    chunks: z.number().int().nonnegative(),
    indexName: z.string().min(1),
    embedder: producerSchema,
  }),
});
