import { z } from 'zod';
import { instant } from '../documents/document.queries';

export const askBody = z
  .object({
    question: z.string().trim().min(1, 'ask a question').max(1000).describe('The question, in your own words.'),
    filters: z
      .object({
        type: z.string().max(100).optional().describe('Only documents classified as this type.'),
        tag: z.string().max(64).optional().describe('Only documents with this tag.'),
        from: instant.optional().describe('Only documents uploaded at or after this instant.'),
        to: instant.optional().describe('Only documents uploaded before this instant.'),
      })
      .strict()
      .default({})
      .describe('The same filters as search.'),
    passages: z.number().int().min(1).max(20).optional().describe('Passages retrieved and read for the answer, 1-20 (6).'),
    sentences: z.number().int().min(1).max(5).optional().describe('Sentences the answer holds at most, 1-5 (2).'),
  })
  .strict();

export type AskBody = z.output<typeof askBody>;
