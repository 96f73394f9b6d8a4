/* The labelled evaluation corpus (eval/corpus, eval/train) and its indexing, shared by the search and ask evaluations. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createEmbedder, embeddingsConfigSchema, isZeroVector, type Embedder } from '@docpipe/embeddings';
import { createLogger, loadConfig } from '@docpipe/platform';
import { indexNameFor, lanceAnnSettings, LanceIndex, type IndexedChunk } from '@docpipe/search-index';
import { configSchema, type SearchConfig } from '../src/config';

export const EVAL_ROOT = resolve(__dirname, '../../../eval');
export const CORPUS_DIR = join(EVAL_ROOT, 'corpus');
// The classifier's training documents are labelled search targets too (their names start with `train/`).
const TRAIN_DIR = join(EVAL_ROOT, 'train');
export const TENANT = 'eval';

export interface CorpusDocument {
  /** `<type>/<file>`, also the document id in the index. */
  name: string;
  type: string;
  text: string;
}

export function loadCorpus(): CorpusDocument[] {
  return [...loadFolder(CORPUS_DIR, ''), ...loadFolder(TRAIN_DIR, 'train/')];
}

function loadFolder(root: string, prefix: string): CorpusDocument[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((type) =>
      readdirSync(join(root, type))
        .filter((file) => /\.(txt|md)$/.test(file))
        .sort()
        .map((file) => ({ name: `${prefix}${type}/${file}`, type, text: readFileSync(join(root, type, file), 'utf8') })),
    );
}

/**
 * The evaluation documents are short (under 1,200 characters, the indexing service's default chunk size), so
 * each page is one chunk: a form feed separates pages, as extraction stores them. Answers the chunks as indexed.
 */
export async function indexCorpus(index: LanceIndex, embedder: Embedder, corpus: readonly CorpusDocument[]): Promise<IndexedChunk[]> {
  const pages = corpus.flatMap((doc) =>
    doc.text
      .split('\f')
      .map((text, i) => ({ doc, page: i + 1, text: text.trim() }))
      .filter((page) => page.text !== ''),
  );
  const vectors = await embedder.embed(pages.map((page) => page.text));
  const pipeline = { extractor: 'corpus@1', chunker: 'page@1', embedder: `${embedder.name}@${embedder.version}` };
  const indexed: IndexedChunk[] = [];
  for (const doc of corpus) {
    const chunks: IndexedChunk[] = pages.flatMap((page, i) =>
      page.doc === doc
        ? [
            {
              chunkId: `${doc.name}:${page.page - 1}`,
              tenantId: TENANT,
              documentId: doc.name,
              ordinal: page.page - 1,
              page: page.page,
              text: page.text,
              vector: isZeroVector(vectors[i]) ? null : vectors[i],
              documentType: doc.type,
              tags: [],
              // The file's own name, as an upload has it (not the corpus folder, which names the type).
              fileName: basename(doc.name),
              createdAt: '2024-01-01T00:00:00.000Z',
              pipeline,
            },
          ]
        : [],
    );
    await index.upsertDocumentChunks(TENANT, doc.name, chunks);
    indexed.push(...chunks);
  }
  // A settled index, as the service sees it after indexing's periodic optimization: every row in the BM25 index.
  await index.optimize();
  return indexed;
}

export function memoized(embedder: Embedder): Embedder {
  const vectors = new Map<string, Float32Array>();
  // Queries apart from documents: a model with task prefixes embeds the same text differently as a query.
  const queries = new Map<string, Float32Array>();
  return {
    name: embedder.name,
    version: embedder.version,
    dimensions: embedder.dimensions,
    embed: async (texts) => {
      const missing = [...new Set(texts.filter((text) => !vectors.has(text)))];
      if (missing.length > 0) (await embedder.embed(missing)).forEach((vector, i) => vectors.set(missing[i], vector));
      return texts.map((text) => vectors.get(text) ?? new Float32Array(embedder.dimensions));
    },
    embedQuery: async (text) => {
      const vector = queries.get(text) ?? (await embedder.embedQuery(text));
      queries.set(text, vector);
      return vector;
    },
    close: () => embedder.close(),
  };
}

export interface EvalIndex {
  config: SearchConfig;
  embedder: Embedder;
  index: LanceIndex;
  /** Closes the index and the embedder and removes the index's folder. */
  close(): Promise<void>;
}

/** A fresh LanceDB index in a temporary folder, with the search service's settings and the configured embedder. */
export async function openEvalIndex(purpose: string): Promise<EvalIndex> {
  const config = loadConfig(configSchema, {
    ...process.env,
    OPENSEARCH_URL: '',
    LANCE_DIR: mkdtempSync(join(tmpdir(), `docpipe-eval-${purpose}-`)),
  });
  const embedder = await createEmbedder(loadConfig(embeddingsConfigSchema));
  const index = await LanceIndex.open({
    directory: config.LANCE_DIR,
    tableName: indexNameFor('chunks', embedder),
    dimensions: embedder.dimensions,
    ann: lanceAnnSettings(config),
    logger: createLogger({ service: 'eval', level: 'warn' }),
  });
  return {
    config,
    embedder,
    index,
    close: async () => {
      await Promise.all([index.close(), embedder.close()]);
      rmSync(config.LANCE_DIR, { recursive: true, force: true });
    },
  };
}
