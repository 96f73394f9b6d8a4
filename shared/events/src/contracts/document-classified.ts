import { z } from 'zod';
import { defineEvent } from '../contract';
import { producerSchema } from './stage';

export const DocumentClassified = defineEvent({
  type: 'document.classified',
  version: 1,
  description: 'The document type is decided with a confidence; indexing may start.',
  payload: z.object({
    textKey: z.string().min(1),
    documentType: z.string().min(1),
    confidence: z.number().min(0).max(1),
    /** Type-specific fields (invoice: number, date, total, vendor; contract: parties, dates) with evidence. */
    fields: z
      .record(
        z.object({
          value: z.string(),
          page: z.number().int().positive().nullable(),
          start: z.number().int().nonnegative().nullable(),
          end: z.number().int().nonnegative().nullable(),
        }),
      )
      .default({}),
    classifier: producerSchema,
  }),
});
