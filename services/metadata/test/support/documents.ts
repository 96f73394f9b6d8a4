import { randomBytes, randomUUID } from 'node:crypto';
import { objectKeys, RegisterDocument, type RequestOf } from '@docpipe/contracts';
import type { Caller } from './metadata-under-test';

export const newTenant = (): string => `tenant-${randomUUID()}`;
export const newSha256 = (): string => randomBytes(32).toString('hex');

/** Registers a document as ingestion does, with fresh content unless told otherwise. */
export function registerDocument(caller: Caller, tenantId: string, overrides: Partial<RequestOf<typeof RegisterDocument>> = {}) {
  const documentId = overrides.documentId ?? randomUUID();
  return caller.call(RegisterDocument, {
    tenantId,
    documentId,
    fileName: 'invoice-2025-01.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 1234,
    sha256: newSha256(),
    objectKey: objectKeys.original(tenantId, documentId),
    tags: [],
    metadata: {},
    ...overrides,
  });
}
