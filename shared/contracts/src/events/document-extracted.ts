import { z } from 'zod';
import { defineEvent } from '../contract';
import { documentFactsSchema } from './document-facts';
import { producerSchema } from './stage';

export const DocumentExtracted = defineEvent({
  type: 'document.extracted',
  version: 2,
  description:
    'Text (per page) and entities are stored in the object store under textKey; classification may start. Carries the document facts forward.',
  payload: z.object({
    textKey: z.string().min(1),
    pages: z.number().int().nonnegative(),
    characters: z.number().int().nonnegative(),
    language: z.string().min(2).nullable(),
    extractor: producerSchema,
    facts: documentFactsSchema,
  }),
});
