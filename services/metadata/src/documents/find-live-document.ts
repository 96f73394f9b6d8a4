import { IsNull, type EntityManager } from 'typeorm';
import { DocumentEntity } from '../database/document.entity';
import { DocumentNotFoundError } from './document-not-found.error';

/** A tenant's live (not deleted) document, or document_not_found. */
export async function findLiveDocument(manager: EntityManager, tenantId: string, documentId: string): Promise<DocumentEntity> {
  const document = await manager.findOneBy(DocumentEntity, { id: documentId, tenantId, deletedAt: IsNull() });
  if (!document) throw new DocumentNotFoundError(documentId);
  return document;
}

/** The same, locked for update until the transaction ends: changes to one document apply one at a time. */
export async function lockLiveDocument(manager: EntityManager, tenantId: string, documentId: string): Promise<DocumentEntity> {
  const document = await manager.findOne(DocumentEntity, {
    where: { id: documentId, tenantId, deletedAt: IsNull() },
    lock: { mode: 'pessimistic_write' },
  });
  if (!document) throw new DocumentNotFoundError(documentId);
  return document;
}
