import { AppError } from '@docpipe/platform';
import type { DocumentStatus } from '@docpipe/contracts';

/** Cancel asked for a document the pipeline is already done with. */
export class DocumentFinishedError extends AppError {
  constructor(documentId: string, status: DocumentStatus) {
    super(
      'document_finished_conflict',
      `Document ${documentId} is already ${status}, so there is nothing to cancel; reprocess it to run the pipeline again`,
    );
  }
}
