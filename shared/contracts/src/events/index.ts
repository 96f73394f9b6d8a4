import { DocumentCancelRequested } from './document-cancel-requested';
import { DocumentClassified } from './document-classified';
import { DocumentDeleted } from './document-deleted';
import { DocumentExtracted } from './document-extracted';
import { DocumentFailed } from './document-failed';
import { DocumentIndexed } from './document-indexed';
import { DocumentUploaded } from './document-uploaded';
import { DocumentReceived } from './document-received';
import { DocumentRejected } from './document-rejected';
import { DocumentProgressed } from './document-progressed';
import { DocumentReprocessRequested } from './document-reprocess-requested';
import { DocumentTimelineAppended } from './document-timeline-appended';
import { DocumentTypeCorrected } from './document-type-corrected';

export * from './stage';
export * from './document-facts';
export * from './extracted-text';
export * from './media-types';
export * from './document-types';
export * from './api-key-events';
export * from './admin-action-performed';
export * from './webhook-events';
export { documentTypeNameSchema } from './document-type-corrected';
export { rejectionCodeSchema, type RejectionCode } from './document-rejected';
export {
  DocumentReceived,
  DocumentRejected,
  DocumentUploaded,
  DocumentReprocessRequested,
  DocumentProgressed,
  DocumentExtracted,
  DocumentClassified,
  DocumentIndexed,
  DocumentFailed,
  DocumentDeleted,
  DocumentCancelRequested,
  DocumentTimelineAppended,
  DocumentTypeCorrected,
};

/** Every event about a document's processing, for consumers that follow all of them (status tracking). */
export const allContracts = [
  DocumentUploaded,
  DocumentReprocessRequested,
  DocumentProgressed,
  DocumentExtracted,
  DocumentClassified,
  DocumentIndexed,
  DocumentFailed,
  DocumentDeleted,
  DocumentRejected,
] as const;
