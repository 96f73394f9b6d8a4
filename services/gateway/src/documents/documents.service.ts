import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  CancelDocument,
  CorrectDocument,
  DeleteDocument,
  extractedTextSchema,
  FindSimilarDocuments,
  GetDocument,
  GetTimeline,
  ListDocuments,
  objectKeys,
  RenderPageImage,
  ReprocessDocument,
  type DocumentView,
  type ExtractedText,
  type ResponseOf,
} from '@docpipe/contracts';
import { RpcClient } from '@docpipe/events';
import { AppError } from '@docpipe/platform';
import { ObjectNotFoundError, ObjectStore } from '@docpipe/storage';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { requestCorrelationId } from '../correlation.middleware';
import type { CorrectDocumentBody, ListDocumentsQuery } from './document.queries';

// Extraction gives up drawing a page after 20 s; the gateway waits a little longer for its answer.
const PAGE_IMAGE_WAIT_MS = 25_000;

const SETTLED = new Set(['indexed', 'failed', 'rejected', 'cancelled', 'deleted']);

export interface WaitOutcome {
  document: DocumentView;
  settled: boolean;
}

/** The answer to a command (delete, reprocess): what happens next happens in the background. */
export const acceptedSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(['queued', 'deleted']),
  statusUrl: z.string(),
  correlationId: z.string(),
});

export type Accepted = z.infer<typeof acceptedSchema>;

export const statusUrlOf = (documentId: string): string => `/api/v1/documents/${documentId}`;

/** Reads documents from metadata and turns commands into events; every document is read within its tenant. */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get(tenantId: string, documentId: string): Promise<DocumentView> {
    return this.rpc.call(GetDocument, { tenantId, documentId });
  }

  correct(tenantId: string, documentId: string, body: CorrectDocumentBody): Promise<DocumentView> {
    const { type, ...edits } = body;
    return this.rpc.call(CorrectDocument, { tenantId, documentId, documentType: type, ...edits });
  }

  list(tenantId: string, query: ListDocumentsQuery): Promise<ResponseOf<typeof ListDocuments>> {
    const { type, ...filters } = query;
    return this.rpc.call(ListDocuments, { tenantId, ...filters, documentType: type });
  }

  timeline(tenantId: string, documentId: string, query: { afterSeq: number; limit: number }): Promise<ResponseOf<typeof GetTimeline>> {
    return this.rpc.call(GetTimeline, { tenantId, documentId, ...query });
  }

  async similar(tenantId: string, documentId: string, size: number): Promise<ResponseOf<typeof FindSimilarDocuments>> {
    await this.get(tenantId, documentId);
    return this.rpc.call(FindSimilarDocuments, { tenantId, documentId, size });
  }

  /** Polls until the pipeline is done with the document (indexed, failed or cancelled), the time is up, or the caller left. */
  async wait(tenantId: string, documentId: string, timeoutSeconds: number, signal: AbortSignal): Promise<WaitOutcome> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      const document = await this.get(tenantId, documentId);
      if (SETTLED.has(document.status)) return { document, settled: true };
      const left = deadline - Date.now();
      if (left <= 0 || signal.aborted) return { document, settled: false };
      // An abort (the caller hung up) only cuts the pause short; the loop then answers what it has.
      await sleep(Math.min(this.config.WAIT_POLL_MS, left), undefined, { signal }).catch(() => undefined);
    }
  }

  /** What extraction read from the document, page by page, with its entities; not found until extraction is done. */
  async text(tenantId: string, documentId: string): Promise<ExtractedText> {
    const document = await this.get(tenantId, documentId);
    if (!document.textKey) {
      throw new AppError(
        'text_not_found',
        `Document ${documentId} has no extracted text yet (status ${document.status}); try again once it is extracted`,
      );
    }
    return extractedTextSchema.parse(JSON.parse((await this.store.getBuffer(document.textKey)).toString('utf8')));
  }

  /** The first page as a small WebP, at the key extraction writes it to; not found before extraction or if it could not be drawn. */
  async thumbnail(tenantId: string, documentId: string): Promise<Buffer> {
    const document = await this.get(tenantId, documentId);
    try {
      return await this.store.getBuffer(objectKeys.thumbnail(tenantId, documentId));
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      throw new AppError(
        'thumbnail_not_found',
        `Document ${documentId} has no thumbnail (status ${document.status}); it is drawn when the text is extracted`,
        { cause: error },
      );
    }
  }

  /** A page for the preview as a WebP: kept from an earlier request, or drawn now by extraction and kept. */
  async pageImage(tenantId: string, documentId: string, page: number): Promise<Buffer> {
    const document = await this.get(tenantId, documentId);
    const key = objectKeys.pageImage(tenantId, documentId, page);
    const kept = await this.store.getBuffer(key).catch((error: unknown) => {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    });
    if (kept) return kept;
    if (document.pages !== null && page > document.pages) {
      throw new AppError('page_not_found', `Document ${documentId} has ${document.pages} page(s); there is no page ${page}`);
    }
    const { objectKey, mediaType } = document;
    await this.rpc.call(RenderPageImage, { tenantId, documentId, objectKey, mediaType, page }, PAGE_IMAGE_WAIT_MS);
    return this.store.getBuffer(key);
  }

  async download(tenantId: string, documentId: string): Promise<{ document: DocumentView; content: Readable }> {
    const document = await this.get(tenantId, documentId);
    return { document, content: await this.store.get(document.objectKey) };
  }

  /** Metadata hides the document at once and announces document.deleted; the blobs and index entries follow. */
  async delete(tenantId: string, documentId: string): Promise<Accepted> {
    await this.rpc.call(DeleteDocument, { tenantId, documentId });
    return this.accepted(documentId, 'deleted');
  }

  /** Metadata queues the document again (also after a cancel) and announces document.reprocess-requested. */
  async reprocess(tenantId: string, documentId: string): Promise<Accepted> {
    await this.rpc.call(ReprocessDocument, { tenantId, documentId });
    return this.accepted(documentId, 'queued');
  }

  /** Takes effect at once: metadata marks it cancelled, and the workers skip it from their next step on. */
  cancel(tenantId: string, documentId: string): Promise<DocumentView> {
    return this.rpc.call(CancelDocument, { tenantId, documentId });
  }

  private accepted(id: string, status: Accepted['status']): Accepted {
    return { id, status, statusUrl: statusUrlOf(id), correlationId: requestCorrelationId() };
  }
}
