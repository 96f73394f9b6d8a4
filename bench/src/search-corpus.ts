import type { Embedder } from '@docpipe/embeddings';
import type { IndexedChunk, SearchIndex } from '@docpipe/search-index';
import { nearTopic, randomUnitVector, seededRandom } from '@docpipe/testing';
import { sentence } from './documents';
import { elapsedMs } from './stats';

/** `embedded`: generated text through the offline embedder (real vectors); `synthetic`: clustered random vectors (scale runs). */
export type CorpusKind = 'embedded' | 'synthetic';

export interface Corpus {
  kind: CorpusKind;
  dimensions: number;
  chunksPerDocument: number;
  /** Every chunk's vector, row-major; row = document number × chunksPerDocument + ordinal. */
  vectors: Float32Array;
  size: number;
  /** Rows of the small tenant (one document in SMALL_TENANT_EVERY): its queries must still get k results. */
  smallTenantRows: number[];
}

export const TENANT = 'bench';
export const SMALL_TENANT = 'bench-small';
/** One document in a hundred belongs to the small tenant: 1 % of the chunks. */
const SMALL_TENANT_EVERY = 100;
// Synthetic vectors: unit vectors around this many topic centres, spread so that topics overlap.
const TOPICS = 2_000;
const SPREAD = 0.35;

export function rowOf(corpus: Corpus, chunkId: string): number {
  const [document, ordinal] = chunkId.slice('doc-'.length).split(':');
  return Number(document) * corpus.chunksPerDocument + Number(ordinal);
}

export function tenantOf(documentNumber: number): string {
  return documentNumber % SMALL_TENANT_EVERY === 0 ? SMALL_TENANT : TENANT;
}

/**
 * Writes `size` chunks, one upsert per document as the indexing service does, and answers the corpus and the
 * milliseconds the writes (and for `embedded`, the embedding) took.
 */
export async function loadCorpus(
  index: SearchIndex,
  embedder: Embedder,
  kind: CorpusKind,
  size: number,
  chunksPerDocument: number,
): Promise<{ corpus: Corpus; loadMs: number }> {
  const dimensions = embedder.dimensions;
  const corpus: Corpus = { kind, dimensions, chunksPerDocument, vectors: new Float32Array(size * dimensions), size, smallTenantRows: [] };
  const random = seededRandom(7);
  const topics = kind === 'synthetic' ? Array.from({ length: TOPICS }, () => randomUnitVector(dimensions, random)) : [];
  const createdAt = new Date().toISOString();
  const start = performance.now();
  for (let first = 0; first < size; first += chunksPerDocument) {
    const number = first / chunksPerDocument;
    const documentId = `doc-${number}`;
    const tenantId = tenantOf(number);
    const texts = Array.from({ length: Math.min(chunksPerDocument, size - first) }, (_, i) =>
      Array.from({ length: kind === 'embedded' ? 8 : 2 }, (_, j) => sentence((first + i) * 8 + j)).join('. '),
    );
    const vectors =
      kind === 'embedded'
        ? await embedder.embed(texts)
        : texts.map(() => nearTopic(topics[Math.floor(random() * TOPICS)]!, random, SPREAD));
    const chunks: IndexedChunk[] = texts.map((text, ordinal) => ({
      chunkId: `${documentId}:${ordinal}`,
      tenantId,
      documentId,
      ordinal,
      page: 1,
      text,
      vector: vectors[ordinal]!,
      documentType: null,
      tags: [],
      fileName: `${documentId}.pdf`,
      createdAt,
      pipeline: { extractor: 'bench@1', chunker: 'bench@1', embedder: `${embedder.name}@${embedder.version}` },
    }));
    chunks.forEach((chunk, ordinal) => {
      corpus.vectors.set(chunk.vector!, (first + ordinal) * dimensions);
      if (tenantId === SMALL_TENANT) corpus.smallTenantRows.push(first + ordinal);
    });
    await index.upsertDocumentChunks(tenantId, documentId, chunks);
  }
  return { corpus, loadMs: elapsedMs(start) };
}

/** Query texts and vectors: embedded text for the embedded corpus, points near stored vectors for the synthetic one. */
export async function queriesFor(
  corpus: Corpus,
  embedder: Embedder,
  count: number,
): Promise<Array<{ text: string; vector: Float32Array }>> {
  const random = seededRandom(11);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const text = sentence(900_000 + i, 5);
      if (corpus.kind === 'embedded') return { text, vector: await embedder.embedQuery(text) };
      const row = Math.floor(random() * corpus.size);
      return { text, vector: nearTopic(corpus.vectors.subarray(row * corpus.dimensions, (row + 1) * corpus.dimensions), random, SPREAD) };
    }),
  );
}
