import { z } from 'zod';
import { defineEvent } from '../contract';

export const DocumentReprocessRequested = defineEvent({
  type: 'document.reprocess-requested',
  version: 1,
  description: 'Someone asked to run the pipeline again on a stored original (after a failure or an upgrade).',
  payload: z.object({
    objectKey: z.string().min(1),
    mediaType: z.string().min(1),
    fileName: z.string().min(1),
  }),
});
