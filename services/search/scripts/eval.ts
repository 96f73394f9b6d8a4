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
import { loadDistractors } from './distractors';
import { firstRelevantRank, mean, ndcgAt, recallAt, reciprocalRank, sharedWords } from './metrics';

const EVAL_ROOT = resolve(__dirname, '../../../eval');
const CORPUS_DIR = join(EVAL_ROOT, 'corpus');
const QUERIES_FILE = join(EVAL_ROOT, 'search', 'queries.json');
const TENANT = 'eval';
const MODES = ['keyword', 'semantic', 'hybrid'] as const;
const GROUPS = ['keyword', 'paraphrase'] as const;
// The service's default page size: recall is read at 5, the reciprocal rank within these.
const PAGE_SIZE = 10;
// Documents that no query is about, added so the ranking has to pick from over a thousand (EVAL_DISTRACTORS).
const DISTRACTORS = Number(process.env.EVAL_DISTRACTORS ?? 1000);
// Hybrid's keyword weights tried on the train half of the queries; the best is then measured on the other half.
const WEIGHTS = Array.from({ length: 21 }, (_, i) => i / 20);

type Mode = (typeof MODES)[number];
// What is reported: each mode, and plain RRF, the fusion hybrid search used before, as the baseline.
const RANKINGS = ['keyword', 'semantic', 'rrf', 'hybrid'] as const;
type Ranking = (typeof RANKINGS)[number];

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
  ranked: Record<Ranking, string[]>;
  split: 'train' | 'test';
  shared: string[];
}

async function main(): Promise<void> {
  const labelled = loadCorpus();
  const queries = loadQueries(labelled);
  const distractors = loadDistractors(resolve(EVAL_ROOT, '../node_modules'), DISTRACTORS);
  const corpus = [...labelled, ...distractors.map((d) => ({ name: d.name, type: 'other', text: d.text }))];
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
      `corpus: ${corpus.length} documents (${labelled.length} labelled, ${distractors.length} distractors: READMEs of installed npm packages, licences ${licences(distractors)}), ${chunks} chunks in a fresh LanceDB index; embedder ${embedder.name}@${embedder.version}`,
    );
    console.log(
      `queries: ${queries.length} (${GROUPS.map((group) => `${queries.filter((q) => q.group === group).length} ${group}`).join(', ')}) from ${QUERIES_FILE}`,
    );
    const searchWith = (weight: number, fusion: 'weighted' | 'rrf' = 'weighted') =>
      new SearchService({ ...config, SEARCH_KEYWORD_WEIGHT: weight, SEARCH_FUSION: fusion }, embedder, index);
    const rankedBy = async (service: SearchService, query: Query, mode: Mode) =>
      (await service.search({ tenantId: TENANT, q: query.q, mode, page: 1, size: PAGE_SIZE })).hits.map((hit) => hit.documentId);
    const train = queries.filter((_, i) => i % 2 === 0);
    const fitness: { weight: number; score: number }[] = [];
    for (const weight of WEIGHTS) {
      const service = searchWith(weight);
      const scores = await Promise.all(
        train.map(async (query) => reciprocalRank(await rankedBy(service, query, 'hybrid'), query.relevant)),
      );
      fitness.push({ weight, score: mean(scores) });
    }
    const learned = fitness.reduce((best, candidate) => (candidate.score > best.score ? candidate : best));
    console.log(
      `hybrid keyword weight learned on the train half (${train.length} queries, MRR@${PAGE_SIZE}): ${learned.weight} (${fitness.map((f) => `${f.weight}:${f.score.toFixed(3)}`).join(' ')})`,
    );
    const search = searchWith(learned.weight);
    const baseline = searchWith(0.5, 'rrf');
    const outcomes: Outcome[] = [];
    for (const [i, query] of queries.entries()) {
      const ranked = {} as Record<Ranking, string[]>;
      for (const mode of MODES) ranked[mode] = await rankedBy(search, query, mode);
      ranked.rrf = await rankedBy(baseline, query, 'hybrid');
      const targets = corpus
        .filter((doc) => query.relevant.includes(doc.name))
        .map((doc) => doc.text)
        .join('\n');
      outcomes.push({ query, ranked, shared: sharedWords(query.q, targets), split: i % 2 === 0 ? 'train' : 'test' });
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

function licences(distractors: readonly { licence: string }[]): string {
  const counts = new Map<string, number>();
  for (const { licence } of distractors) counts.set(licence, (counts.get(licence) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([licence, count]) => `${licence} ${count}`)
    .join(', ');
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
  type Row = { queries: number; recallAt5: number; mrr: number; ndcg: number };
  const rows: Record<string, Record<string, Row>> = {};
  for (const split of ['test', 'all'] as const) {
    console.log(`\n${split === 'test' ? 'held-out half (weight not learned on these)' : 'all queries'}:`);
    console.log(`ranking   group                    queries  recall@5  MRR@${PAGE_SIZE}  nDCG@10`);
    for (const ranking of RANKINGS) {
      const key = `${ranking}/${split}`;
      rows[key] = {};
      for (const group of [...GROUPS, 'paraphrase, none shared', 'all'] as const) {
        const selected = outcomes.filter((o) => inGroup(o, group) && (split === 'all' || o.split === split));
        const row = {
          queries: selected.length,
          recallAt5: round(mean(selected.map((o) => recallAt(5, o.ranked[ranking], o.query.relevant)))),
          mrr: round(mean(selected.map((o) => reciprocalRank(o.ranked[ranking], o.query.relevant)))),
          ndcg: round(mean(selected.map((o) => ndcgAt(10, o.ranked[ranking], o.query.relevant)))),
        };
        rows[key][group] = row;
        console.log(
          `${ranking.padEnd(9)} ${group.padEnd(24)} ${String(row.queries).padStart(7)}  ${row.recallAt5.toFixed(3).padStart(8)}  ${row.mrr.toFixed(3).padStart(6)}  ${row.ndcg.toFixed(3).padStart(7)}`,
        );
      }
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

  console.log(`\nfirst relevant rank per query (keyword / semantic / rrf / hybrid; - = not in the top ${PAGE_SIZE}):`);
  for (const { query, ranked, shared } of outcomes) {
    const ranks = RANKINGS.map((ranking) => firstRelevantRank(ranked[ranking], query.relevant) ?? '-').join(' / ');
    console.log(`  ${query.id}  ${ranks.padEnd(14)} ${query.q}${shared.length > 0 ? `  [shared: ${shared.join(', ')}]` : ''}`);
  }

  const summary = {
    embedder: `${embedder.name}@${embedder.version}`,
    documents,
    chunks,
    queries: outcomes.length,
    metrics: rows,
    overlap,
    hybridAtLeastBestHalfInEveryGroup: Object.keys(rows['hybrid/all']).every(
      (group) => rows['hybrid/all'][group].mrr >= Math.max(rows['keyword/all'][group].mrr, rows['semantic/all'][group].mrr),
    ),
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
