/**
 * Every status a document can be in (metadata's state machine moves it forward through them). A plain list, apart
 * from its schema, so the web UI can offer it without shipping zod.
 */
export const documentStatuses = [
  'received',
  'queued',
  'extracting',
  'extracted',
  'classifying',
  'classified',
  'indexing',
  'indexed',
  'failed',
  'deleted',
  'rejected',
  'cancelled',
] as const;
