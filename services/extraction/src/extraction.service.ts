import { Inject, Injectable } from '@nestjs/common';
import { objectKeys, type ExtractedText } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { ObjectNotFoundError, ObjectStore } from '@docpipe/storage';
import { toExtractedText } from './extracted-text';
import { ExtractionFailedError } from './extraction.errors';
import { ExtractorRegistry, parseMediaType } from './extractors/extractor-registry';
import { Deadline, TextBudget, type ExtractionLimits } from './limits';
import { renderPage, THUMBNAIL_WIDTH } from './pages/render-page';

export const EXTRACTION_LIMITS = Symbol('docpipe:extraction-limits');
/** Tenant id → OCR language (OCR_TENANT_LANGUAGES). */
export const OCR_TENANT_LANGUAGES = Symbol('docpipe:ocr-tenant-languages');

export interface Original {
  tenantId: string;
  documentId: string;
  objectKey: string;
  mediaType: string;
}

export interface ExtractionResult {
  textKey: string;
  text: ExtractedText;
  characters: number;
  /** Null when the first page could not be drawn: the text is what the pipeline needs, the thumbnail only helps people. */
  thumbnailKey: string | null;
}

/** Reads an original, extracts its text per page, language and entities, and stores them as the text blob. */
@Injectable()
export class ExtractionService {
  constructor(
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(ExtractorRegistry) private readonly registry: ExtractorRegistry,
    @Inject(EXTRACTION_LIMITS) private readonly limits: ExtractionLimits,
    @Inject(OCR_TENANT_LANGUAGES) private readonly ocrLanguages: Readonly<Record<string, string>>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async extract(original: Original, onProgress: (done: number, total: number) => Promise<void>): Promise<ExtractionResult> {
    const { mediaType, charset } = parseMediaType(original.mediaType);
    const extractor = this.registry.forMediaType(mediaType);
    const bytes = await this.read(original);
    const deadline = new Deadline(this.limits.timeoutMs);
    try {
      const pages = await deadline.race(
        extractor.extract({
          bytes,
          mediaType,
          charset,
          limits: this.limits,
          deadline,
          text: new TextBudget(this.limits.maxTextBytes),
          ocrLanguage: this.ocrLanguages[original.tenantId],
          onProgress,
        }),
      );
      const text = toExtractedText(original.documentId, mediaType, extractor.name, pages);
      const textKey = objectKeys.extractedText(original.tenantId, original.documentId);
      const body = Buffer.from(JSON.stringify(text));
      await this.store.put(textKey, body, { size: body.length, contentType: 'application/json' });
      // Pages drawn for the preview from an earlier extraction may no longer match: the next request redraws them.
      await this.store.removePrefix(objectKeys.pageImagesPrefix(original.tenantId, original.documentId));
      const thumbnailKey = await this.storeThumbnail(original, bytes, mediaType, text.pages[0]?.text ?? '', deadline);
      return { textKey, text, characters: text.pages.reduce((sum, page) => sum + page.text.length, 0), thumbnailKey };
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Writes the first page as a WebP at its conventional key. A page pdf.js or the canvas cannot draw costs the
   * thumbnail only (logged); a store that fails is an outage like any other and the delivery is retried.
   */
  private async storeThumbnail(original: Original, bytes: Buffer, mediaType: string, firstPage: string, deadline: Deadline) {
    let thumbnail: Buffer;
    try {
      thumbnail = await deadline.race(renderPage({ bytes, mediaType, page: 1, text: firstPage, width: THUMBNAIL_WIDTH }));
    } catch (error) {
      this.logger.warn(
        { err: error, event: 'extraction.thumbnail_failed', documentId: original.documentId, mediaType },
        'the first page could not be drawn; the document has no thumbnail',
      );
      return null;
    }
    const key = objectKeys.thumbnail(original.tenantId, original.documentId);
    await this.store.put(key, thumbnail, { size: thumbnail.length, contentType: 'image/webp' });
    return key;
  }

  private async read(original: Original): Promise<Buffer> {
    // An event may only point at its own tenant's original.
    if (original.objectKey !== objectKeys.original(original.tenantId, original.documentId)) {
      throw new ExtractionFailedError(
        'foreign_object_key',
        `objectKey ${original.objectKey} is not the original of document ${original.documentId} of tenant ${original.tenantId}; the event is refused.`,
      );
    }
    try {
      return await this.store.getBuffer(original.objectKey);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      throw new ExtractionFailedError(
        'original_not_found',
        `The original ${original.objectKey} is no longer in the object store; upload the document again.`,
        {
          cause: error,
        },
      );
    }
  }
}
