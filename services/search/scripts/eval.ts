/* Measures keyword, semantic and hybrid search on the labelled queries eval/search/queries.json over eval/corpus/. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { WORD_VECTOR_WEIGHT } from '@docpipe/embeddings';
import { configSchema } from '../src/config';
import type { RerankWeights } from '../src/feature-reranker';
import { rankedDocuments } from '../src/document-results';
import { parseQuery } from '../src/query-operators';
import { LEARNED_RERANK_WEIGHTS } from '../src/rerank-weights';
import type { HybridSettings } from '../src/score-fusion';
import { SearchService } from '../src/search.service';
import { CORPUS_DIR, EVAL_ROOT, indexCorpus, loadCorpus, memoized, openEvalIndex, TENANT, type CorpusDocument } from './eval-corpus';
import { loadDistractors } from './distractors';
import { learnEnsembleWeight } from './learn-ensemble';
import { engineMinMaxFusion } from './engine-fusion';
import { learnFusion, type FusionQuery } from './learn-fusion';
import { learnRerankWeights } from './learn-reranker';
import { withTypo } from './typos';
import { mean, recallAt, reciprocalRank, sharedWords } from './metrics';
import { inGroup, report, round, type Outcome, type Ranking } from './report';

const QUERIES_FILE = join(EVAL_ROOT, 'search', 'queries.json');
const MODES = ['keyword', 'semantic', 'hybrid'] as const;
// synonym: the target's distinctive words named by other words of the same (or a broader) meaning.
const GROUPS = ['keyword', 'paraphrase', 'synonym'] as const;
// The service's default page size: recall is read at 5, the reciprocal rank within these.
const PAGE_SIZE = 10;
// Documents that no query is about, added so the ranking has to pick from over a thousand (EVAL_DISTRACTORS).
const DISTRACTORS = Number(process.env.EVAL_DISTRACTORS ?? 1000);

type Mode = (typeof MODES)[number];

const queryFileSchema = z.object({
  queries: z.array(z.object({ id: z.string(), group: z.enum(GROUPS), q: z.string().min(1), relevant: z.array(z.string()).min(1) })).min(1),
});
type Query = Omit<z.infer<typeof queryFileSchema>['queries'][number], 'group'> & {
  /** The file's group, or `typo`: a keyword query with a letter dropped (scripts/typos.ts). */
  group: string;
  split: 'train' | 'test';
};

async function main(): Promise<void> {
  const labelled = loadCorpus();
  const queries = loadQueries(labelled);
  const distractors = loadDistractors(resolve(EVAL_ROOT, '../node_modules'), DISTRACTORS);
  const corpus = [...labelled, ...distractors.map((d) => ({ name: d.name, type: 'other', text: d.text }))];
  const startedAt = performance.now();
  const evalIndex = await openEvalIndex('search');
  const { config, embedder, index } = evalIndex;
  try {
    const indexStartedAt = performance.now();
    const indexed = await indexCorpus(index, embedder, corpus);
    const indexSeconds = round((performance.now() - indexStartedAt) / 1000);
    const chunks = indexed.length;
    const description = [
      `corpus: ${corpus.length} documents (${labelled.length} labelled from eval/corpus and eval/train, ${distractors.length} distractors: READMEs of installed npm packages, 1,200-character parts, at most 2 per README, licences ${licences(distractors)}), ${chunks} chunks in a fresh LanceDB index (embedded and indexed in ${indexSeconds} s); embedder ${embedder.name}@${embedder.version}`,
      `queries: ${queries.length} (${[...GROUPS, 'typo'].map((group) => `${queries.filter((q) => q.group === group).length} ${group}`).join(', ')}) from eval/search/queries.json, split alternately into train and held-out halves; typo: each keyword query with the middle letter of its longest word dropped, in its query's half, outside "all"; exact: keyword mode without typo tolerance`,
    ];
    // Every setting tried asks for the same query vectors: each is computed once.
    const queryEmbedder = memoized(embedder);
    const served = { current: () => ({ embedder: queryEmbedder, index }) };
    const searchWith = (settings: Omit<HybridSettings, 'typos'>, fusion: 'convex' | 'rrf' = 'convex', rerank?: RerankWeights) =>
      new SearchService(
        {
          ...config,
          SEARCH_KEYWORD_WEIGHT: settings.keywordWeight,
          SEARCH_COVERAGE_POWER: settings.coveragePower,
          SEARCH_CHUNK_COVERAGE_POWER: settings.chunkCoveragePower,
          SEARCH_FUSION: fusion,
          SEARCH_RERANK_TOP: rerank ? config.SEARCH_RERANK_TOP : 0,
        },
        served,
        rerank ?? LEARNED_RERANK_WEIGHTS,
      );
    const rankedBy = async (service: SearchService, query: Query, mode: Mode) =>
      (await service.search({ tenantId: TENANT, q: query.q, mode, page: 1, size: PAGE_SIZE })).hits.map((hit) => hit.documentId);
    const sharedWithTargets = (query: Query) =>
      sharedWords(
        query.q,
        corpus
          .filter((doc) => query.relevant.includes(doc.name))
          .map((doc) => doc.text)
          .join('\n'),
      );
    const train = queries.filter((query) => query.split === 'train');
    // The engines' hits are fetched once; every fusion setting is tried on them (the first stage alone: the reranker is learned on top).
    const engines = searchWith({ keywordWeight: 0, coveragePower: 0, chunkCoveragePower: 0 });
    const fusionQueries = await Promise.all(
      train.map(async (query) => {
        const text = parseQuery(query.q).text;
        return {
          query,
          text,
          shared: sharedWithTargets(query),
          ...(await engines.engineHits(text, { tenantId: TENANT }, config.SEARCH_CANDIDATES)),
        };
      }),
    );
    const ensemble = await learnEnsembleWeight(
      embedder,
      queryEmbedder,
      indexed,
      fusionQueries,
      config.SEARCH_TYPO_TOLERANCE,
      PAGE_SIZE,
      config.SEARCH_CANDIDATES,
    );
    if (ensemble)
      description.push(
        `word vectors beside the sentence encoder: weight learned on the train half (best fusion's MRR@${PAGE_SIZE} + recall@5 + shortfall): ${ensemble.best.weight} (tried ${ensemble.tried.map(({ weight, fusion }) => `${weight}: ${round(fusion.mrr + fusion.recallAt5 + fusion.shortfall)}`).join(', ')}); service ${WORD_VECTOR_WEIGHT}${ensemble.best.weight === WORD_VECTOR_WEIGHT ? ' (the index measured below)' : ' (the index measured below; differs from the learned weight)'}`,
      );
    const { best: learned, tried } = learnFusion(fusionQueries, config.SEARCH_TYPO_TOLERANCE, PAGE_SIZE);
    const defaults = configSchema.parse({});
    description.push(
      `hybrid: convex score fusion; learned on the train half (best MRR@${PAGE_SIZE} + recall@5 + shortfall behind the better single mode per group, of ${tried} settings): keyword weight ${learned.settings.keywordWeight}, coverage power ${learned.settings.coveragePower}, chunk coverage power ${learned.settings.chunkCoveragePower} (train: MRR ${round(learned.mrr)}, recall@5 ${round(learned.recallAt5)}, shortfall ${round(learned.shortfall)}); service defaults ${defaults.SEARCH_KEYWORD_WEIGHT}, ${defaults.SEARCH_COVERAGE_POWER}, ${defaults.SEARCH_CHUNK_COVERAGE_POWER}`,
    );
    const firstStage = searchWith(learned.settings);
    const training = await Promise.all(
      fusionQueries.map(async (fusionQuery) => ({
        ...fusionQuery,
        candidates: await firstStage.candidates(fusionQuery.text, { tenantId: TENANT }, config.SEARCH_CANDIDATES),
      })),
    );
    const reranker = learnRerankWeights(training, config.SEARCH_RERANK_TOP, PAGE_SIZE);
    const agree = (settings: Omit<HybridSettings, 'typos'>, weights: RerankWeights) =>
      settings.keywordWeight === defaults.SEARCH_KEYWORD_WEIGHT &&
      settings.coveragePower === defaults.SEARCH_COVERAGE_POWER &&
      settings.chunkCoveragePower === defaults.SEARCH_CHUNK_COVERAGE_POWER &&
      JSON.stringify(weights) === JSON.stringify(LEARNED_RERANK_WEIGHTS) &&
      (ensemble === null || ensemble.best.weight === WORD_VECTOR_WEIGHT);
    description.push(
      `rerank: the first ${config.SEARCH_RERANK_TOP} hybrid candidates re-scored by features learned on the train half (coordinate ascent on MRR@${PAGE_SIZE} + recall@5, never behind the first stage in any group, ${round(reranker.objective)}): ${JSON.stringify(reranker.weights)}; service weights ${JSON.stringify(LEARNED_RERANK_WEIGHTS)}`,
      `service defaults ${agree(learned.settings, reranker.weights) ? 'agree with' : 'DIFFER from'} the learned settings`,
    );
    // OpenSearch's fusion (normalization-processor, min-max + weighted mean) over the same two rankings, with the same
    // keyword weight and as many chunks per sub-query as the service asks the engine for on a first page.
    const engineK = Math.min(1000, Math.max(config.SEARCH_CANDIDATES, PAGE_SIZE * 4));
    const engineWeights = engineWeightsOnTrain(fusionQueries, learned.settings.keywordWeight);
    description.push(
      `engine: hybrid search as OpenSearch fuses it with OPENSEARCH_NATIVE_SEARCH (normalization-processor: min-max per sub-query over the ${engineK} results each returns, arithmetic mean weighted ${learned.settings.keywordWeight} / ${round(1 - learned.settings.keywordWeight)}; no coverage factor, no feature reranker), imitated over this index's BM25 and cosine rankings (scripts/engine-fusion.ts); the engine's own BM25 (Lucene, per shard) is not this one. Its train objective (MRR@${PAGE_SIZE} + recall@5) by keyword weight: ${engineWeights}`,
    );
    const search = searchWith(learned.settings, 'convex', reranker.weights);
    const baseline = searchWith({ keywordWeight: 0, coveragePower: 0, chunkCoveragePower: 0 }, 'rrf');
    const outcomes: Outcome[] = [];
    const exactWords = new SearchService({ ...config, SEARCH_TYPO_TOLERANCE: false }, served, LEARNED_RERANK_WEIGHTS);
    for (const query of queries) {
      const ranked = {} as Record<Ranking, string[]>;
      for (const mode of MODES) ranked[mode] = await rankedBy(search, query, mode);
      ranked.exact = await rankedBy(exactWords, query, 'keyword');
      ranked.rrf = await rankedBy(baseline, query, 'hybrid');
      ranked.convex = await rankedBy(firstStage, query, 'hybrid');
      const { keyword, semantic } = await search.engineHits(parseQuery(query.q).text, { tenantId: TENANT }, engineK);
      ranked.engine = rankedDocuments(engineMinMaxFusion(keyword, semantic, learned.settings.keywordWeight), PAGE_SIZE);
      outcomes.push({ query, ranked, shared: sharedWithTargets(query), split: query.split });
    }
    const rows = report(outcomes, { description, pageSize: PAGE_SIZE, resultsDir: join(EVAL_ROOT, 'results') });
    console.log(
      `\n${JSON.stringify({ embedder: `${embedder.name}@${embedder.version}`, documents: corpus.length, chunks, indexSeconds, queries: queries.length, ensemble: ensemble?.best, learned, reranker: reranker.weights, metrics: rows, seconds: round((performance.now() - startedAt) / 1000) })}`,
    );
  } finally {
    await evalIndex.close();
  }
}

/** The engine's fusion at each keyword weight on the train queries: whether another weight would serve it better. */
function engineWeightsOnTrain(train: readonly FusionQuery[], serviceWeight: number): string {
  // The written queries, as the fusion's own objective counts them (typo variants apart).
  const queries = train.filter((q) => inGroup(q, 'all'));
  return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
    .map((weight) => {
      const rankings = queries.map((q) => rankedDocuments(engineMinMaxFusion(q.keyword, q.semantic, weight), PAGE_SIZE));
      const objective =
        mean(queries.map((q, i) => reciprocalRank(rankings[i], q.query.relevant))) +
        mean(queries.map((q, i) => recallAt(5, rankings[i], q.query.relevant)));
      return `${weight}${weight === serviceWeight ? ' (service)' : ''}: ${round(objective)}`;
    })
    .join(', ');
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
  // Alternately train and held-out; a typo variant goes with the query it comes from.
  const written = queries.map((query, i) => ({ ...query, split: i % 2 === 0 ? ('train' as const) : ('test' as const) }));
  const typos = written.flatMap((query) => {
    const q = query.group === 'keyword' ? withTypo(query.q) : null;
    return q ? [{ ...query, id: `${query.id}~typo`, group: 'typo', q }] : [];
  });
  return [...written, ...typos];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
