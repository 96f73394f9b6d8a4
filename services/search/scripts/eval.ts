/* Measures keyword, semantic and hybrid search on the labelled queries eval/search/queries.json over eval/corpus/. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createEmbedder, embeddingsConfigSchema, isZeroVector, type Embedder } from '@docpipe/embeddings';
import { createLogger, loadConfig } from '@docpipe/platform';
import { indexNameFor, LanceIndex, type IndexedChunk } from '@docpipe/search-index';
import { configSchema } from '../src/config';
import { SearchService } from '../src/search.service';
import { firstRelevantRank, mean, recallAt, reciprocalRank, sharedWords } from './metrics';

const EVAL_ROOT = resolve(__dirname, '../../../eval');
const CORPUS_DIR = join(EVAL_ROOT, 'corpus');
const QUERIES_FILE = join(EVAL_ROOT, 'search', 'queries.json');
const TENANT = 'eval';
const MODES = ['keyword', 'semantic', 'hybrid'] as const;
const GROUPS = ['keyword', 'paraphrase'] as const;
// The service's default page size: recall is read at 5, the reciprocal rank within these.
const PAGE_SIZE = 10;

type Mode = (typeof MODES)[number];

const queryFileSchema = z.object({
  queries: z.array(z.object({ id: z.string(), group: z.enum(GROUPS), q: z.string().min(1), relevant: z.array(z.string()).min(1) })).min(1),
});
type Query = z.infer<typeof queryFileSchema>['queries'][number];

interface CorpusDocument {
  /** `<type>/<file>`, also the document id in the index. */
  name: string;
  type: string;
  text: string;
}

interface Outcome {
  query: Query;
  ranked: Record<Mode, string[]>;
  shared: string[];
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  const queries = loadQueries(corpus);
  const config = loadConfig(configSchema, {
    ...process.env,
    OPENSEARCH_URL: '',
    LANCE_DIR: mkdtempSync(join(tmpdir(), 'docpipe-eval-search-')),
  });
  const startedAt = performance.now();
  const embedder = await createEmbedder(loadConfig(embeddingsConfigSchema));
  const index = await LanceIndex.open({
    directory: config.LANCE_DIR,
    tableName: indexNameFor('chunks', embedder),
    dimensions: embedder.dimensions,
    annMinRows: config.LANCE_ANN_MIN_ROWS,
    optimizeEvery: config.LANCE_OPTIMIZE_EVERY,
    logger: createLogger({ service: 'eval', level: 'warn' }),
  });
  try {
    const chunks = await indexCorpus(index, embedder, corpus);
    console.log(
      `corpus: ${corpus.length} documents, ${chunks} chunks (one per page) in a fresh LanceDB index; embedder ${embedder.name}@${embedder.version}`,
    );
    console.log(
      `queries: ${queries.length} (${GROUPS.map((group) => `${queries.filter((q) => q.group === group).length} ${group}`).join(', ')}) from ${QUERIES_FILE}`,
    );
    const search = new SearchService(config, embedder, index);
    const outcomes: Outcome[] = [];
    for (const query of queries) {
      const ranked = {} as Record<Mode, string[]>;
      for (const mode of MODES) {
        const { hits } = await search.search({ tenantId: TENANT, q: query.q, mode, page: 1, size: PAGE_SIZE });
        ranked[mode] = hits.map((hit) => hit.documentId);
      }
      const targets = corpus
        .filter((doc) => query.relevant.includes(doc.name))
        .map((doc) => doc.text)
        .join('\n');
      outcomes.push({ query, ranked, shared: sharedWords(query.q, targets) });
    }
    report(outcomes, embedder, corpus.length, chunks, performance.now() - startedAt);
  } finally {
    await Promise.all([index.close(), embedder.close()]);
    rmSync(config.LANCE_DIR, { recursive: true, force: true });
  }
}

function loadCorpus(): CorpusDocument[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((type) =>
      readdirSync(join(CORPUS_DIR, type))
        .filter((file) => /\.(txt|md)$/.test(file))
        .sort()
        .map((file) => ({ name: `${type}/${file}`, type, text: readFileSync(join(CORPUS_DIR, type, file), 'utf8') })),
    );
}

function loadQueries(corpus: readonly CorpusDocument[]): Query[] {
  const { queries } = queryFileSchema.parse(JSON.parse(readFileSync(QUERIES_FILE, 'utf8')));
  const names = new Set(corpus.map((doc) => doc.name));
  const unknown = queries.flatMap((query) => query.relevant.filter((name) => !names.has(name)).map((name) => `${query.id}: ${name}`));
  if (unknown.length > 0) throw new Error(`${QUERIES_FILE} names documents that are not in ${CORPUS_DIR}: ${unknown.join(', ')}`);
  return queries;
}

/**
 * The evaluation documents are short (under 1,200 characters, the indexing service's default chunk size), so
 * each page is one chunk: a form feed separates pages, as extraction stores them.
 */
async function indexCorpus(index: LanceIndex, embedder: Embedder, corpus: readonly CorpusDocument[]): Promise<number> {
  const pages = corpus.flatMap((doc) =>
    doc.text
      .split('\f')
      .map((text, i) => ({ doc, page: i + 1, text: text.trim() }))
      .filter((page) => page.text !== ''),
  );
  const vectors = await embedder.embed(pages.map((page) => page.text));
  const pipeline = { extractor: 'corpus@1', chunker: 'page@1', embedder: `${embedder.name}@${embedder.version}` };
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
              fileName: doc.name,
              createdAt: '2024-01-01T00:00:00.000Z',
              pipeline,
            },
          ]
        : [],
    );
    await index.upsertDocumentChunks(TENANT, doc.name, chunks);
  }
  // A settled index, as the service sees it after indexing's periodic optimization: every row in the BM25 index.
  await index.optimize();
  return pages.length;
}

function report(outcomes: readonly Outcome[], embedder: Embedder, documents: number, chunks: number, ms: number): void {
  const rows: Record<string, Record<string, { queries: number; recallAt5: number; mrr: number }>> = {};
  console.log(`\nmode      group                    queries  recall@5  MRR@${PAGE_SIZE}`);
  for (const mode of MODES) {
    rows[mode] = {};
    for (const group of [...GROUPS, 'all', 'paraphrase, none shared'] as const) {
      const selected = outcomes.filter((o) => inGroup(o, group));
      const recallAt5 = mean(selected.map((o) => recallAt(5, o.ranked[mode], o.query.relevant)));
      const mrr = mean(selected.map((o) => reciprocalRank(o.ranked[mode], o.query.relevant)));
      rows[mode][group] = { queries: selected.length, recallAt5: round(recallAt5), mrr: round(mrr) };
      console.log(
        `${mode.padEnd(9)} ${group.padEnd(24)} ${String(selected.length).padStart(7)}  ${recallAt5.toFixed(3).padStart(8)}  ${mrr.toFixed(3).padStart(6)}`,
      );
    }
  }

  console.log(`\nword overlap with the relevant documents (content words compared by rough stem, stop words left out):`);
  const overlap: Record<string, { meanSharedWords: number; queriesWithNone: number }> = {};
  for (const group of GROUPS) {
    const selected = outcomes.filter((o) => o.query.group === group);
    overlap[group] = {
      meanSharedWords: round(mean(selected.map((o) => o.shared.length))),
      queriesWithNone: selected.filter((o) => o.shared.length === 0).length,
    };
    console.log(
      `  ${group.padEnd(11)} mean ${overlap[group].meanSharedWords.toFixed(2)} shared words; ${overlap[group].queriesWithNone}/${selected.length} queries share none`,
    );
  }

  console.log(`\nfirst relevant rank per query (keyword / semantic / hybrid; - = not in the top ${PAGE_SIZE}):`);
  for (const { query, ranked, shared } of outcomes) {
    const ranks = MODES.map((mode) => firstRelevantRank(ranked[mode], query.relevant) ?? '-').join(' / ');
    console.log(`  ${query.id}  ${ranks.padEnd(14)} ${query.q}${shared.length > 0 ? `  [shared: ${shared.join(', ')}]` : ''}`);
  }

  const summary = {
    embedder: `${embedder.name}@${embedder.version}`,
    documents,
    chunks,
    queries: outcomes.length,
    metrics: rows,
    overlap,
    hybridBeatsKeywordOnParaphrases:
      rows.hybrid.paraphrase.mrr > rows.keyword.paraphrase.mrr && rows.hybrid.paraphrase.recallAt5 > rows.keyword.paraphrase.recallAt5,
    seconds: round(ms / 1000),
  };
  console.log(`\n${JSON.stringify(summary)}`);
}

/** The query groups, everything, and the paraphrases that share no content word with their documents at all. */
function inGroup(outcome: Outcome, group: string): boolean {
  if (group === 'all') return true;
  if (group === 'paraphrase, none shared') return outcome.query.group === 'paraphrase' && outcome.shared.length === 0;
  return outcome.query.group === group;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
