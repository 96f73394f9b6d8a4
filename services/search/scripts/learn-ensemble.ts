/* Learns the weight of the word vectors beside the sentence encoder (EnsembleEmbedder) on the train half of the search evaluation. */
import { cosineSimilarity, EnsembleEmbedder, type Embedder } from '@docpipe/embeddings';
import type { ChunkHit, IndexedChunk } from '@docpipe/search-index';
import { learnFusion, type FusionFitness, type FusionQuery } from './learn-fusion';

const WEIGHTS = [0, 0.1, 0.25, 0.5, 1];

export interface EnsembleFitness {
  weight: number;
  fusion: FusionFitness;
}

/**
 * For each word-vector weight, the vector ranking each train query would get from an index built with that weight
 * (exact search over the indexed chunks' two parts, which is what the index's flat search does), and the best fusion
 * settings on top of it; the weight whose best fusion scores highest (MRR + recall@5 + shortfall, as learnFusion) wins.
 * Null when the embedder is not an ensemble.
 */
export async function learnEnsembleWeight(
  embedder: Embedder,
  queryEmbedder: Embedder,
  chunks: readonly IndexedChunk[],
  queries: readonly FusionQuery[],
  typos: boolean,
  pageSize: number,
  k: number,
): Promise<{ best: EnsembleFitness; tried: EnsembleFitness[] } | null> {
  if (!(embedder instanceof EnsembleEmbedder)) return null;
  const indexed = chunks.flatMap((chunk) => (chunk.vector ? [{ chunk, parts: embedder.parts(chunk.vector) }] : []));
  const queryParts = await Promise.all(queries.map(async (q) => embedder.parts(await queryEmbedder.embedQuery(q.text))));
  const tried = WEIGHTS.map((weight) => {
    const withSemantic = queries.map((q, i) => ({ ...q, semantic: nearest(indexed, queryParts[i], weight, k) }));
    return { weight, fusion: learnFusion(withSemantic, typos, pageSize).best };
  });
  const objective = ({ fusion }: EnsembleFitness) => fusion.mrr + fusion.recallAt5 + fusion.shortfall;
  return { best: tried.reduce((best, f) => (objective(f) > objective(best) ? f : best)), tried };
}

function nearest(
  indexed: readonly { chunk: IndexedChunk; parts: [Float32Array, Float32Array] }[],
  [sentence, words]: [Float32Array, Float32Array],
  weight: number,
  k: number,
): ChunkHit[] {
  return indexed
    .map(({ chunk, parts }) => {
      const { vector, pipeline, ...hit } = chunk;
      return { ...hit, score: (cosineSimilarity(parts[0], sentence) + weight * cosineSimilarity(parts[1], words)) / (1 + weight) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
