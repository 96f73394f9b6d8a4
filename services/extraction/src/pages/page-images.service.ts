import { Inject, Injectable } from '@nestjs/common';
import { extractedTextSchema, objectKeys, type RenderPageImage, type RequestOf } from '@docpipe/contracts';
import { AppError } from '@docpipe/platform';
import { ObjectNotFoundError, ObjectStore } from '@docpipe/storage';
import { Deadline } from '../limits';
import { pageNotFound, PREVIEW_WIDTH, renderPage } from './render-page';

/** Drawing one page must not hold a request longer than the gateway waits for it. */
export const PAGE_IMAGE_TIMEOUT_MS = 20_000;

// Formats whose pages are pictures of their own; every other format's page image is its extracted text.
const PICTURED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

/** Page images for the preview: drawn once, on request, from the stored original (or text), kept beside the text. */
@Injectable()
export class PageImagesService {
  constructor(@Inject(ObjectStore) private readonly store: ObjectStore) {}

  async render(request: RequestOf<typeof RenderPageImage>): Promise<{ imageKey: string }> {
    const { tenantId, documentId, objectKey, mediaType, page } = request;
    // A request may only point at its own tenant's original, as an event may.
    if (objectKey !== objectKeys.original(tenantId, documentId)) {
      throw new AppError('foreign_object_key', `objectKey ${objectKey} is not the original of document ${documentId}; refused`);
    }
    const imageKey = objectKeys.pageImage(tenantId, documentId, page);
    if (await this.store.stat(imageKey)) return { imageKey };
    const type = mediaType.split(';')[0].trim().toLowerCase();
    const pictured = PICTURED.has(type);
    const [bytes, text] = await Promise.all([
      pictured ? this.read(objectKey, 'original_not_found', 'The original is no longer stored') : Buffer.alloc(0),
      pictured ? '' : this.pageText(tenantId, documentId, page),
    ]);
    const deadline = new Deadline(PAGE_IMAGE_TIMEOUT_MS);
    try {
      const image = await deadline.race(renderPage({ bytes, mediaType: type, page, text, width: PREVIEW_WIDTH }));
      await this.store.put(imageKey, image, { size: image.length, contentType: 'image/webp' });
      return { imageKey };
    } finally {
      deadline.dispose();
    }
  }

  private async pageText(tenantId: string, documentId: string, page: number): Promise<string> {
    const key = objectKeys.extractedText(tenantId, documentId);
    const { pages } = extractedTextSchema.parse(
      JSON.parse((await this.read(key, 'text_not_found', 'The document is not extracted yet')).toString('utf8')),
    );
    if (page > pages.length) throw pageNotFound(page, pages.length);
    return pages[page - 1].text;
  }

  private async read(key: string, code: string, message: string): Promise<Buffer> {
    try {
      return await this.store.getBuffer(key);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      throw new AppError(code, `${message}; no page image can be drawn`, { cause: error });
    }
  }
}
