/**
 * Every type the pipeline can take in, by the media type ingestion records, with the name people know
 * it by. The one list: ingestion refuses anything else at upload (ACCEPTED_MEDIA_TYPES narrows it per
 * deployment) and extraction has an extractor for each (its tests prove every one extracts).
 */
export const knownMediaTypes = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/msword': 'Word 97–2003 (DOC)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'application/rtf': 'RTF',
  'application/epub+zip': 'EPUB',
  'application/vnd.ms-outlook': 'Outlook message (MSG)',
  'application/xml': 'XML',
  'text/html': 'HTML',
  'text/markdown': 'Markdown',
  'text/asciidoc': 'AsciiDoc',
  'text/plain': 'plain text',
  'text/csv': 'CSV',
  'text/vtt': 'WebVTT (subtitles, transcripts)',
  'message/rfc822': 'e-mail (EML)',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'image/webp': 'WEBP',
  'image/bmp': 'BMP',
  'image/gif': 'GIF',
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
