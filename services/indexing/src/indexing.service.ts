import { Inject, Injectable } from '@nestjs/common';
import type { DocumentClassified, DocumentIndexed, Envelope, PayloadOf } from '@docpipe/contracts';
import type { SkipReason, StageRun } from '@docpipe/events';
import { isZeroVector, type Embedder } from '@docpipe/embeddings';
import { LOGGER, type Logger } from '@docpipe/platform';
import type { IndexedChunk, SearchIndex } from '@docpipe/search-index';
import { CHUNKER_NAME, chunkerVersion, chunkPages, type TextChunk } from './chunker';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
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
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.chunker = `${CHUNKER_NAME}@${chunkerVersion(this.settings)}`;
  }

  /** Writes the document's chunks with their vectors and the document's facts, replacing any earlier ones; `run` is the stage worker's. */
  async indexDocument(event: Envelope<typeof DocumentClassified>, run: StageRun): Promise<IndexingResult> {
    const { tenantId, documentId, payload } = event;
    const { facts } = payload;
    const text = await run.readText(payload.textKey);
    const chunks = chunkPages(text.pages, this.settings);
    const vectors = await this.embed(chunks, (done, total) => run.progress(done, total));
    // Embedding takes long: a cancel or delete that came meanwhile must keep the chunks out, an earlier run's too.
    const before = run.stopped();
    if (before) return this.removeStopped(tenantId, documentId, before);
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
      tags: facts.tags,
      fileName: facts.fileName,
      createdAt: facts.uploadedAt,
      pipeline,
    }));
    await this.index.upsertDocumentChunks(tenantId, documentId, indexed);
    // The write is conditional: a cancel or delete heard while it ran takes the chunks out again.
    const after = run.stopped();
    if (after) return this.removeStopped(tenantId, documentId, after);
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

  /** Sets a user's corrected type on the document's chunks; answers how many there were. */
  async retype(tenantId: string, documentId: string, documentType: string): Promise<number> {
    return this.index.setDocumentType(tenantId, documentId, documentType);
  }

  async remove(tenantId: string, documentId: string): Promise<number> {
    return this.index.deleteDocument(tenantId, documentId);
  }

  private async removeStopped(tenantId: string, documentId: string, reason: SkipReason): Promise<IndexingResult> {
    await this.index.deleteDocument(tenantId, documentId);
    return { skipped: reason };
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
}
