import { AppError } from '@docpipe/platform';

/** The same answer for an unknown, deleted or other tenant's id, so an id never reveals that a document exists. */
export class DocumentNotFoundError extends AppError {
  constructor(documentId: string) {
    super('document_not_found', `Document ${documentId} was not found; check the id, or list the documents you can see`);
  }
}
