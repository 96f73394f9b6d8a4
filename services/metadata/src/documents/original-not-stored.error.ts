import { AppError } from '@docpipe/platform';
import type { DocumentStatus } from '@docpipe/contracts';

/** Reprocess asked for a document whose original ingestion has not stored (yet, or ever). */
export class OriginalNotStoredError extends AppError {
  constructor(documentId: string, status: DocumentStatus) {
    const advice = status === 'rejected' ? 'upload an accepted file instead' : 'wait until it is queued';
    super('original_not_stored_conflict', `Document ${documentId} is ${status}: there is no stored original to reprocess; ${advice}`);
  }
}
