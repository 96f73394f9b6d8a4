import { z } from 'zod';
import { defineEvent } from '../contract';
import { stageSchema } from './stage';

export const DocumentFailed = defineEvent({
  type: 'document.failed',
  version: 1,
  description: 'A stage gave up on the document; reason says why and retryable whether a reprocess may succeed.',
  payload: z.object({
    stage: stageSchema,
    code: z.string().min(1),
    reason: z.string().min(1),
    retryable: z.boolean(),
    attempts: z.number().int().positive(),
  }),
});
