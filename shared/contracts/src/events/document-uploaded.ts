import { z } from 'zod';
import { defineEvent } from '../contract';

export const DocumentUploaded = defineEvent({
  type: 'document.uploaded',
  version: 1,
  description: 'The original is stored in the object store and recorded; extraction may start.',
  payload: z.object({
    objectKey: z.string().min(1),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    sizeBytes: z.number().int().positive(),
    mediaType: z.string().min(1),
    fileName: z.string().min(1),
    tags: z.array(z.string()).default([]),
  }),
});
