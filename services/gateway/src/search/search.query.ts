import { z } from 'zod';
import { searchModeSchema } from '@docpipe/contracts';
import { instant, page } from '../documents/document.queries';

export const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'say what to search for').max(1000).describe('What to search for.'),
    mode: searchModeSchema.default('hybrid').describe('Keyword (BM25), semantic (vectors) or both fused.'),
    type: z.string().max(100).optional().describe('Only documents classified as this type.'),
    tag: z.string().max(64).optional().describe('Only documents with this tag.'),
    from: instant.optional().describe('Only documents uploaded at or after this instant.'),
    to: instant.optional().describe('Only documents uploaded before this instant.'),
    page,
    size: z.coerce.number().int().min(1).max(50).default(10).describe('Hits per page, 1-50.'),
  })
  .strict();

export type SearchQuery = z.output<typeof searchQuery>;
