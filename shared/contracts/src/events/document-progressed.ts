import { z } from 'zod';
import { defineEvent } from '../contract';
import { stageSchema } from './stage';

/**
 * A stage's progress between its start and its result, for the live view and the timeline:
 * `started` when a worker takes the document, `progress` with done/total (chunks embedded, pages OCRed),
 * `retrying` when an attempt failed and another one is scheduled.
 */
export const DocumentProgressed = defineEvent({
  type: 'document.progressed',
  version: 1,
  description: 'A stage started, advanced, or will retry the document.',
  payload: z.object({
    stage: stageSchema,
    status: z.enum(['started', 'progress', 'retrying']),
    attempt: z.number().int().positive().default(1),
    done: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative().optional(),
    reason: z.string().optional(),
    /** The earliest the next attempt starts: retry jitter may add up to half the wait. */
    nextAttemptAt: z.string().datetime().optional(),
  }),
});
