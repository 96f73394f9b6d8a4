/* Learns the offline reranker's feature weights on the train half of the search evaluation's queries. */
import { queryTermsOf, RERANK_FEATURES, rerankFeatures, type RerankFeature, type RerankWeights } from '../src/feature-reranker';
import type { FusedCandidate } from '../src/score-fusion';
import { mean, recallAt, reciprocalRank } from './metrics';
import { inGroup, reportGroups } from './report';

export interface TrainingQuery {
  query: { id: string; group: string; q: string; relevant: string[] };
  /** Content words the query shares with its relevant documents (for the "none shared" group). */
  shared: string[];
  /** The query as searched (operators removed). */
  text: string;
  /** The first stage's candidates, best first (only the first `top` are reranked). */
  candidates: FusedCandidate[];
}

// Values tried for each weight; `fused` stays 1 and sets the scale, so the start { fused: 1 } is the first stage itself.
const STEPS = [-2, -1, -0.5, -0.25, -0.1, -0.05, 0, 0.05, 0.1, 0.25, 0.5, 1, 2];
const PASSES = 4;
// A change must gain more than one train query's worth (1/135 of MRR ≈ 0.007): smaller gains were noise on held-out.
const MIN_GAIN = 0.01;

// { fused: 1 } ranks as the first stage does: where learning starts, and what it must never fall behind.
const FIRST_STAGE: RerankWeights = { fused: 1, keyword: 0, cosine: 0, coverage: 0, title: 0, proximity: 0 };

/**
 * Coordinate ascent (as in RankLib): one weight at a time takes the value of STEPS that most improves
 * MRR@pageSize + recall@5 over the written train queries, until a pass changes nothing. A change must improve the
 * objective by MIN_GAIN, so ties and near-ties keep the simpler (earlier) weights; and no weights are taken that rank
 * any report group (paraphrase, none shared, …) worse than the first stage does in recall@5 or MRR, so the reranker
 * never trades one kind of query for another on train.
 */
export function learnRerankWeights(
  queries: readonly TrainingQuery[],
  top: number,
  pageSize: number,
): { weights: RerankWeights; objective: number } {
  const prepared = queries.map((query) => {
    const terms = queryTermsOf(query.text);
    const head = query.candidates.slice(0, top);
    return {
      relevant: query.query.relevant,
      head: head.map((candidate) => ({ documentId: candidate.chunk.documentId, features: rerankFeatures(terms, candidate) })),
      tail: query.candidates.slice(top).map((candidate) => candidate.chunk.documentId),
    };
  });
  const groups = reportGroups(queries).map((group) => queries.flatMap((query, i) => (inGroup(query, group) ? [i] : [])));
  const written = groups[groups.length - 1];
  const scoresOf = (weights: RerankWeights) =>
    prepared.map((query) => {
      const order = query.head
        .map(({ documentId, features }) => ({
          documentId,
          score: RERANK_FEATURES.reduce((sum, name) => sum + weights[name] * features[name], 0),
        }))
        .sort((a, b) => b.score - a.score)
        .map(({ documentId }) => documentId);
      const documents = [...new Set([...order, ...query.tail])].slice(0, pageSize);
      return { mrr: reciprocalRank(documents, query.relevant), recall: recallAt(5, documents, query.relevant) };
    });
  const perGroup = (scores: { mrr: number; recall: number }[]) =>
    groups.map((members) => ({ mrr: mean(members.map((i) => scores[i].mrr)), recall: mean(members.map((i) => scores[i].recall)) }));
  const firstStage = perGroup(scoresOf(FIRST_STAGE));
  const objective = (weights: RerankWeights): number => {
    const scores = scoresOf(weights);
    const behind = perGroup(scores).some((group, g) => group.mrr < firstStage[g].mrr || group.recall < firstStage[g].recall);
    if (behind) return -Infinity;
    return mean(written.map((i) => scores[i].mrr)) + mean(written.map((i) => scores[i].recall));
  };
  let weights = FIRST_STAGE;
  let best = objective(weights);
  for (let pass = 0; pass < PASSES; pass++) {
    let changed = false;
    for (const name of RERANK_FEATURES.filter((feature): feature is Exclude<RerankFeature, 'fused'> => feature !== 'fused'))
      for (const step of STEPS) {
        const candidate = { ...weights, [name]: step };
        const value = objective(candidate);
        if (value > best + MIN_GAIN) {
          best = value;
          weights = candidate;
          changed = true;
        }
      }
    if (!changed) break;
  }
  return { weights, objective: best };
}
