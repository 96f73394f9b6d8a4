import { z } from 'zod';
import { defineRequest } from '../request';
import { documentStatusSchema } from './document-view';

/**
 * Turns a staged upload (streamed into the object store by the gateway, hashed on the way) into a
 * document: sniffs its real type, applies the duplicate policy, moves it under a server-generated key,
 * records it and emits document.uploaded. Errors: `unsupported_media_type`, `empty_file`, `staging_missing`,
 * `checksum_mismatch` (the staged bytes do not hash to `sha256`), `invalid_request`.
 */
export const IngestUpload = defineRequest({
  name: 'ingestion.ingest-upload',
  service: 'ingestion',
  description: 'Validates, deduplicates and stores a staged upload.',
  request: z.object({
    tenantId: z.string().min(1),
    stagingKey: z.string().min(1),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    sizeBytes: z.number().int().nonnegative(),
    fileName: z.string().min(1).max(255),
    declaredMediaType: z.string().optional(),
    tags: z.array(z.string()).default([]),
    metadata: z.record(z.unknown()).default({}),
  }),
  response: z.object({
    documentId: z.string().uuid(),
    status: documentStatusSchema,
    duplicateOf: z.string().uuid().nullable(),
    mediaType: z.string(),
  }),
});
