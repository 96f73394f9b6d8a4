/** The fallback type: what a document is when it is none of the others, or when no engine is sure. */
export const OTHER_DOCUMENT_TYPE = 'other';

/**
 * The types the pipeline knows out of the box: classification's default taxonomy (DOCUMENT_TYPES narrows or extends it
 * per deployment) and the names the web UI offers when a user sets a type by hand (a tenant may write its own).
 */
export const DEFAULT_DOCUMENT_TYPES = [
  'invoice',
  'receipt',
  'contract',
  'resume',
  'letter',
  'report',
  'scientific-paper',
  'form',
  'email',
  'spreadsheet',
  'presentation',
  OTHER_DOCUMENT_TYPE,
] as const;
