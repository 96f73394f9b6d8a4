import { z } from 'zod';

/**
 * What the stages after extraction need to know about the document and the run, carried forward in each
 * stage's event so that no worker asks metadata for them.
 */
export const documentFactsSchema = z.object({
  fileName: z.string().min(1),
  mediaType: z.string().min(1),
  tags: z.array(z.string()),
  /** When the document was uploaded (what search shows and filters on). */
  uploadedAt: z.string().datetime(),
  /** When the upload or reprocess that started this run was recorded: a cancel newer than this stops the run. */
  runStartedAt: z.string().datetime(),
});

export type DocumentFacts = z.output<typeof documentFactsSchema>;
