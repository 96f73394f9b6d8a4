import { Inject, Injectable } from '@nestjs/common';
import {
  GetDocument,
  RemoteError,
  RpcClient,
  type DocumentClassified,
  type DocumentIndexed,
  type DocumentView,
  type Envelope,
  type PayloadOf,
  type SkipReason,
} from '@docpipe/events';
import { isZeroVector, type Embedder } from '@docpipe/embeddings';
import { LOGGER, type Logger } from '@docpipe/platform';
import type { IndexedChunk, SearchIndex } from '@docpipe/search-index';
import { CHUNKER_NAME, chunkerVersion, chunkPages, type TextChunk } from './chunker';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
import { ExtractedTextReader } from './extracted-text.reader';
import { EMBEDDER, SEARCH_INDEX } from './providers';

/** Called after each embedded batch: chunks done of the total. */
export type ProgressListener = (done: number, total: number) => Promise<void>;

/** What indexing answers: document.indexed's payload, or nothing for a document cancelled or deleted meanwhile. */
export type IndexingResult = PayloadOf<typeof DocumentIndexed> | { skipped: SkipReason };

/** Turns a classified document into chunks with vectors in the search index, replacing what was there for it. */
@Injectable()
export class IndexingService {
  private readonly chunker: string;

  constructor(
    @Inject(INDEXING_CONFIG) private readonly config: IndexingConfig,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(ExtractedTextReader) private readonly reader: ExtractedTextReader,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.chunker = `${CHUNKER_NAME}@${chunkerVersion(this.settings)}`;
  }

  /**
   * Name, tags and upload time of the document, from metadata; or why to leave it alone (cancelled, deleted), with
   * the chunks of an earlier run removed: they must not stay or come back.
   */
  async describe(tenantId: string, documentId: string): Promise<{ document: DocumentView } | { skipped: SkipReason }> {
    const described = await this.askMetadata(tenantId, documentId);
    if ('skipped' in described) await this.index.deleteDocument(tenantId, documentId);
    return described;
  }

  /** `document` as `describe` answered it, just before. */
  async indexDocument(
    event: Envelope<typeof DocumentClassified>,
    document: DocumentView,
    onProgress: ProgressListener,
  ): Promise<IndexingResult> {
    const { tenantId, documentId, payload } = event;
    const text = await this.reader.read(payload.textKey);
    const chunks = chunkPages(text.pages, this.settings);
    const vectors = await this.embed(chunks, onProgress);
    // Embedding takes long: a cancel or delete that came meanwhile must keep the chunks out.
    const now = await this.describe(tenantId, documentId);
    if ('skipped' in now) return now;
    const pipeline = {
      extractor: `${text.extractor.name}@${text.extractor.version}`,
      chunker: this.chunker,
      embedder: `${this.embedder.name}@${this.embedder.version}`,
    };
    const indexed: IndexedChunk[] = chunks.map((chunk, i) => ({
      chunkId: `${documentId}:${chunk.ordinal}`,
      tenantId,
      documentId,
      ordinal: chunk.ordinal,
      page: chunk.page,
      text: chunk.text,
      vector: isZeroVector(vectors[i]) ? null : vectors[i],
      documentType: payload.documentType,
      tags: document.tags,
      fileName: document.fileName,
      createdAt: document.createdAt,
      pipeline,
    }));
    await this.index.upsertDocumentChunks(tenantId, documentId, indexed);
    this.logger.info(
      {
        event: 'indexing.chunks-written',
        chunks: indexed.length,
        withoutVector: indexed.filter((chunk) => !chunk.vector).length,
        pipeline,
      },
      'chunks written',
    );
    return {
      chunks: indexed.length,
      indexName: this.index.indexName,
      embedder: { name: this.embedder.name, version: this.embedder.version },
    };
  }

  async remove(tenantId: string, documentId: string): Promise<number> {
    return this.index.deleteDocument(tenantId, documentId);
  }

  private get settings() {
    return { maxChars: this.config.CHUNK_MAX_CHARS, overlapChars: this.config.CHUNK_OVERLAP_CHARS };
  }

  /** Embeds in batches, the section heading as context; reports progress after each batch. */
  private async embed(chunks: TextChunk[], onProgress: ProgressListener): Promise<Float32Array[]> {
    const inputs = chunks.map((chunk) =>
      chunk.heading && !chunk.text.startsWith(chunk.heading) ? `${chunk.heading}\n${chunk.text}` : chunk.text,
    );
    const vectors: Float32Array[] = [];
    for (let start = 0; start < inputs.length; start += this.config.EMBED_BATCH_SIZE) {
      vectors.push(...(await this.embedder.embed(inputs.slice(start, start + this.config.EMBED_BATCH_SIZE))));
      await onProgress(vectors.length, inputs.length);
    }
    return vectors;
  }

  private async askMetadata(tenantId: string, documentId: string): Promise<{ document: DocumentView } | { skipped: SkipReason }> {
    try {
      const document = await this.rpc.call(GetDocument, { tenantId, documentId }, this.config.METADATA_TIMEOUT_MS);
      return document.status === 'cancelled' ? { skipped: 'document_cancelled' } : { document };
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'document_not_found') return { skipped: 'document_deleted' };
      throw error;
    }
  }
}
