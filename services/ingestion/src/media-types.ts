/**
 * Every type the pipeline can take in, by the media type ingestion records, with the name people know
 * it by. ACCEPTED_MEDIA_TYPES narrows this list per deployment.
 */
export const knownMediaTypes = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'text/html': 'HTML',
  'text/markdown': 'Markdown',
  'text/plain': 'plain text',
  'text/csv': 'CSV',
  'message/rfc822': 'e-mail (EML)',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'image/webp': 'WEBP',
} as const;

export type KnownMediaType = keyof typeof knownMediaTypes;

export const allKnownMediaTypes = Object.keys(knownMediaTypes) as KnownMediaType[];

export function isKnownMediaType(mediaType: string): mediaType is KnownMediaType {
  return Object.hasOwn(knownMediaTypes, mediaType);
}

/** "PDF, DOCX, …": the list an error message offers a user whose file was refused. */
export function describeAccepted(accepted: readonly KnownMediaType[]): string {
  return accepted.map((mediaType) => knownMediaTypes[mediaType]).join(', ');
}
