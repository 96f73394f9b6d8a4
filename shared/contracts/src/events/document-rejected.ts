import { z } from 'zod';
import { defineEvent } from '../contract';

export const rejectionCodeSchema = z.enum(['unsupported_media_type', 'checksum_mismatch', 'staging_missing']);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const DocumentRejected = defineEvent({
  type: 'document.rejected',
  version: 1,
  description: 'Ingestion refused the uploaded bytes (their type is not accepted, or they are not what was sent); nothing is stored.',
  payload: z.object({ code: rejectionCodeSchema, reason: z.string().min(1) }),
});
