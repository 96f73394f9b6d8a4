/* Learns hybrid search's first-stage settings on the train half of the search evaluation's queries. */
import type { ChunkHit } from '@docpipe/search-index';
import { rankedDocuments } from '../src/document-results';
import { keywordCoverage } from '../src/keyword-coverage';
import { fuseByCoverage, type HybridSettings } from '../src/score-fusion';
import { mean, recallAt, reciprocalRank } from './metrics';
import { inGroup, reportGroups } from './report';

export interface FusionQuery {
  query: { id: string; group: string; q: string; relevant: string[] };
  /** Content words the query shares with its relevant documents (for the "none shared" group). */
  shared: string[];
  /** The query as searched (operators removed). */
  text: string;
  keyword: ChunkHit[];
  semantic: ChunkHit[];
}

export interface FusionFitness {
  settings: Omit<HybridSettings, 'typos'>;
  mrr: number;
  recallAt5: number;
  /** Sum over groups of how far hybrid falls behind the better single mode (recall@5 and MRR; 0 when never behind). */
  shortfall: number;
}

const KEYWORD_WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const COVERAGE_POWERS = [0, 1, 2, 4, 8];

/**
 * Tries every keyword weight × query coverage power × chunk coverage power on the train queries and keeps the best
 * MRR@pageSize + recall@5 over the written queries plus the shortfall: a group in which hybrid trails keyword or
 * semantic search costs as much as the same drop overall (the issue asks for both). Ties keep the earlier setting
 * (less trust in keywords, gentler powers).
 */
export function learnFusion(queries: readonly FusionQuery[], typos: boolean, pageSize: number): { best: FusionFitness; tried: number } {
  const documents = (hits: { chunk: ChunkHit; score: number }[]) => rankedDocuments(hits, pageSize);
  const byScore = (hits: ChunkHit[]) => documents(hits.map((chunk) => ({ chunk, score: chunk.score })));
  const prepared = queries.map((q) => {
    // Coverage depends on the query and the chunk only: computed once for all settings.
    const cache = new Map<string | undefined, number>();
    const coverage = (text: string | undefined) => {
      if (!cache.has(text)) cache.set(text, keywordCoverage(q.text, text, { typos }));
      return cache.get(text) as number;
    };
    return { ...q, coverage, single: { keyword: byScore(q.keyword), semantic: byScore(q.semantic) } };
  });
  const groups = reportGroups(queries);
  const measure = (rankings: string[][], pick: (q: FusionQuery) => boolean, metric: (ranked: string[], relevant: string[]) => number) =>
    mean(prepared.flatMap((q, i) => (pick(q) ? [metric(rankings[i], q.query.relevant)] : [])));
  const recall5 = (ranked: string[], relevant: string[]) => recallAt(5, ranked, relevant);
  const singles = (['keyword', 'semantic'] as const).map((mode) => prepared.map((q) => q.single[mode]));
  const tried: FusionFitness[] = [];
  for (const keywordWeight of KEYWORD_WEIGHTS)
    for (const coveragePower of COVERAGE_POWERS)
      for (const chunkCoveragePower of COVERAGE_POWERS) {
        const settings = { keywordWeight, coveragePower, chunkCoveragePower };
        const rankings = prepared.map((q) => documents(fuseByCoverage(q.keyword, q.semantic, settings, q.coverage)));
        let shortfall = 0;
        for (const group of groups) {
          const pick = (q: FusionQuery) => inGroup(q, group);
          if (!prepared.some(pick)) continue;
          for (const metric of [recall5, reciprocalRank]) {
            const better = Math.max(...singles.map((single) => measure(single, pick, metric)));
            shortfall += Math.min(0, measure(rankings, pick, metric) - better);
          }
        }
        const written = (q: FusionQuery) => inGroup(q, 'all');
        tried.push({
          settings,
          mrr: measure(rankings, written, reciprocalRank),
          recallAt5: measure(rankings, written, recall5),
          shortfall,
        });
      }
  const objective = (f: FusionFitness) => f.mrr + f.recallAt5 + f.shortfall;
  return { best: tried.reduce((best, f) => (objective(f) > objective(best) ? f : best)), tried: tried.length };
}
