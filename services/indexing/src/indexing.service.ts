import { Inject, Injectable } from '@nestjs/common';
import {
  objectKeys,
  type DocumentClassified,
  type DocumentIndexed,
  type Envelope,
  type ExtractedText,
  type PayloadOf,
} from '@docpipe/contracts';
import { ExtractedTextReader, type SkipReason, type StageRun } from '@docpipe/events';
import { isZeroVector, type Embedder } from '@docpipe/embeddings';
import { LOGGER, type Logger } from '@docpipe/platform';
import type { DocumentKey, IndexedChunk, SearchIndex } from '@docpipe/search-index';
import { CHUNKER_NAME, chunkerVersion, chunkPages, type TextChunk } from './chunker';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
import type { IndexTarget, IndexTargets } from './index-targets';
import { INDEX_TARGETS } from './providers';

/** Called after each embedded batch: chunks done of the total. */
export type ProgressListener = (done: number, total: number) => Promise<void>;

/** What indexing answers: document.indexed's payload, or nothing for a document cancelled or deleted meanwhile. */
/** What a document's chunks carry about it besides their text: what search filters on and shows. */
type ChunkFacts = Pick<IndexedChunk, 'documentType' | 'tags' | 'fileName' | 'createdAt'>;

export type IndexingResult = PayloadOf<typeof DocumentIndexed> | { skipped: SkipReason };

/** Turns a classified document into chunks with vectors in the search index, replacing what was there for it. */
@Injectable()
export class IndexingService {
  private readonly chunker: string;

  constructor(
    @Inject(INDEXING_CONFIG) private readonly config: IndexingConfig,
    @Inject(INDEX_TARGETS) private readonly targets: IndexTargets,
    @Inject(ExtractedTextReader) private readonly texts: ExtractedTextReader,
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
    const chunkFacts: ChunkFacts = {
      documentType: payload.documentType,
      tags: facts.tags,
      fileName: facts.fileName,
      createdAt: facts.uploadedAt,
    };
    const [own, ...others] = this.targets.all();
    const prepared = await this.prepare(own, { tenantId, documentId }, text, chunks, chunkFacts, (done, total) =>
      run.progress(done, total),
    );
    // While a re-embedding runs, searches still read the previous index: it gets the document too, in its own vectors.
    const previous = await Promise.all(others.map((target) => this.prepare(target, { tenantId, documentId }, text, chunks, chunkFacts)));
    // Embedding takes long: a cancel or delete that came meanwhile must keep the chunks out, an earlier run's too.
    const before = run.stopped();
    if (before) return this.removeStopped(tenantId, documentId, before);
    for (const { target, indexed } of [prepared, ...previous]) await target.index.upsertDocumentChunks(tenantId, documentId, indexed);
    // The write is conditional: a cancel or delete heard while it ran takes the chunks out again.
    const after = run.stopped();
    if (after) return this.removeStopped(tenantId, documentId, after);
    const { indexed } = prepared;
    this.logger.info(
      {
        event: 'indexing.chunks-written',
        chunks: indexed.length,
        withoutVector: indexed.filter((chunk) => !chunk.vector).length,
        pipeline: indexed[0]?.pipeline,
        indexes: this.targets.all().length,
      },
      'chunks written',
    );
    return {
      chunks: indexed.length,
      indexName: own.index.indexName,
      embedder: { name: own.embedder.name, version: own.embedder.version },
    };
  }

  /**
   * Re-embeds a document into the configured embedder's index from its stored extraction, with the facts the index
   * searches read holds for it (type, tags, name, upload time). Answers false when that index no longer has it (deleted meanwhile).
   */
  async reembed(key: DocumentKey, from: SearchIndex): Promise<boolean> {
    const [first] = await from.chunksOf(key.tenantId, key.documentId);
    if (!first) return false;
    const text = await this.texts.read(key, objectKeys.extractedText(key.tenantId, key.documentId));
    const chunks = chunkPages(text.pages, this.settings);
    const facts: ChunkFacts = { documentType: first.documentType, tags: first.tags, fileName: first.fileName, createdAt: first.createdAt };
    const { target, indexed } = await this.prepare(this.targets.own, key, text, chunks, facts);
    // The first chunk goes last: documents() lists a document by it, so one cut off half-way by a crash is copied again.
    await target.index.upsertDocumentChunks(key.tenantId, key.documentId, [...indexed.slice(1), ...indexed.slice(0, 1)]);
    return true;
  }

  /** Sets a user's corrected type on the document's chunks; answers how many there were. */
  async retype(tenantId: string, documentId: string, documentType: string): Promise<number> {
    const [own] = await Promise.all(this.targets.all().map((target) => target.index.setDocumentType(tenantId, documentId, documentType)));
    return own;
  }

  async remove(tenantId: string, documentId: string): Promise<number> {
    const [own] = await Promise.all(this.targets.all().map((target) => target.index.deleteDocument(tenantId, documentId)));
    return own;
  }

  private async removeStopped(tenantId: string, documentId: string, reason: SkipReason): Promise<IndexingResult> {
    await this.remove(tenantId, documentId);
    return { skipped: reason };
  }

  /** The chunks as `target` stores them: embedded by its embedder, with the document's facts and the pipeline versions. */
  private async prepare(
    target: IndexTarget,
    key: DocumentKey,
    text: ExtractedText,
    chunks: TextChunk[],
    facts: ChunkFacts,
    onProgress: ProgressListener = async () => undefined,
  ): Promise<{ target: IndexTarget; indexed: IndexedChunk[] }> {
    const vectors = await this.embed(target.embedder, chunks, onProgress);
    const pipeline = {
      extractor: `${text.extractor.name}@${text.extractor.version}`,
      chunker: this.chunker,
      embedder: `${target.embedder.name}@${target.embedder.version}`,
    };
    const indexed: IndexedChunk[] = chunks.map((chunk, i) => ({
      chunkId: `${key.documentId}:${chunk.ordinal}`,
      tenantId: key.tenantId,
      documentId: key.documentId,
      ordinal: chunk.ordinal,
      page: chunk.page,
      text: chunk.text,
      vector: isZeroVector(vectors[i]) ? null : vectors[i],
      ...facts,
      pipeline,
    }));
    return { target, indexed };
  }

  private get settings() {
    return { maxChars: this.config.CHUNK_MAX_CHARS, overlapChars: this.config.CHUNK_OVERLAP_CHARS };
  }

  /** Embeds in batches, the section heading as context; reports progress after each batch. */
  private async embed(embedder: Embedder, chunks: TextChunk[], onProgress: ProgressListener): Promise<Float32Array[]> {
    const inputs = chunks.map((chunk) =>
      chunk.heading && !chunk.text.startsWith(chunk.heading) ? `${chunk.heading}\n${chunk.text}` : chunk.text,
    );
    const vectors: Float32Array[] = [];
    for (let start = 0; start < inputs.length; start += this.config.EMBED_BATCH_SIZE) {
      vectors.push(...(await embedder.embed(inputs.slice(start, start + this.config.EMBED_BATCH_SIZE))));
      await onProgress(vectors.length, inputs.length);
    }
    return vectors;
  }
}
