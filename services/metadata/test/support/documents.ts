import { randomBytes, randomUUID } from 'node:crypto';
import { DocumentUploaded, objectKeys, RegisterDocument, type RequestOf } from '@docpipe/contracts';
import type { Caller } from './metadata-under-test';

export const newTenant = (): string => `tenant-${randomUUID()}`;
export const newSha256 = (): string => randomBytes(32).toString('hex');

type Registration = RequestOf<typeof RegisterDocument>;

/** Registers an upload as the gateway does, with fresh content unless told otherwise: the document is `received`. */
export function registerDocument(caller: Caller, tenantId: string, overrides: Partial<Registration> = {}) {
  const documentId = overrides.documentId ?? randomUUID();
  return caller.call(RegisterDocument, {
    tenantId,
    documentId,
    fileName: 'invoice-2025-01.pdf',
    declaredMediaType: 'application/pdf',
    sizeBytes: 1234,
    sha256: newSha256(),
    stagingKey: objectKeys.staging(tenantId, randomUUID()),
    tags: [],
    metadata: {},
    ...overrides,
  });
}

/** Registers an upload and announces its original stored, as ingestion does: the document becomes `queued`. */
export async function uploadDocument(caller: Caller, tenantId: string, overrides: Partial<Registration> = {}) {
  const sha256 = overrides.sha256 ?? newSha256();
  const registered = await registerDocument(caller, tenantId, { ...overrides, sha256 });
  const { documentId } = registered;
  const uploaded = await caller.publish(
    DocumentUploaded,
    {
      objectKey: objectKeys.original(tenantId, documentId),
      sha256,
      sizeBytes: overrides.sizeBytes ?? 1234,
      mediaType: 'application/pdf',
      fileName: overrides.fileName ?? 'invoice-2025-01.pdf',
      tags: overrides.tags ?? [],
    },
    { tenantId, documentId },
  );
  return { ...registered, uploaded };
}
