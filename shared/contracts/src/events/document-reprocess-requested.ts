import { z } from 'zod';
import { defineEvent } from '../contract';

export const DocumentReprocessRequested = defineEvent({
  type: 'document.reprocess-requested',
  version: 2,
  description:
    'Someone asked to run the pipeline again on a stored original (after a failure or an upgrade), with the facts of the document.',
  payload: z.object({
    objectKey: z.string().min(1),
    mediaType: z.string().min(1),
    fileName: z.string().min(1),
    tags: z.array(z.string()),
    uploadedAt: z.string().datetime(),
  }),
});
