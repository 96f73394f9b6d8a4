import type { DocumentFacts, DocumentReprocessRequested, DocumentUploaded, Envelope } from '@docpipe/contracts';

/**
 * The facts a run starts with, taken from the event that started it, for the stages after extraction.
 * document.uploaded is enqueued in the transaction that records the document, so its time is the upload's;
 * a reprocess carries the upload time of the stored original.
 */
export function factsAtRunStart(event: Envelope<typeof DocumentUploaded | typeof DocumentReprocessRequested>): DocumentFacts {
  const { payload } = event;
  const { fileName, mediaType, tags } = payload;
  const uploadedAt = 'uploadedAt' in payload ? payload.uploadedAt : event.occurredAt;
  return { fileName, mediaType, tags, uploadedAt, runStartedAt: event.occurredAt };
}
