import { z } from 'zod';
import { defineEvent } from '../contract';

/**
 * Not part of `allContracts`: metadata publishes it from the transaction that recorded the upload, and
 * status tracking must not consume what it writes.
 */
export const DocumentReceived = defineEvent({
  type: 'document.received',
  version: 1,
  description:
    'The uploaded bytes are staged in the object store and the document is recorded; ingestion checks them and stores the original.',
  payload: z.object({
    stagingKey: z.string().min(1),
    /** Where ingestion stores the original once the bytes pass inspection. */
    objectKey: z.string().min(1),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    sizeBytes: z.number().int().positive(),
    fileName: z.string().min(1),
    declaredMediaType: z.string().optional(),
    tags: z.array(z.string()).default([]),
  }),
});
