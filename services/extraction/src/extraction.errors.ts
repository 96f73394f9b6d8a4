import { NonRetryableError } from '@docpipe/platform';

/** Why a document cannot be extracted; trying the same bytes again gives the same answer. */
export type ExtractionFailureCode =
  | 'corrupt_file'
  | 'unsupported_media_type'
  | 'password_protected'
  | 'original_not_found'
  | 'foreign_object_key'
  | 'too_many_pages'
  | 'text_too_large'
  | 'extraction_timeout'
  | 'image_too_large'
  | 'archive_bomb';

export class ExtractionFailedError extends NonRetryableError {
  constructor(
    override readonly code: ExtractionFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
