import { Inject, Injectable } from '@nestjs/common';
import type { FindSimilarDocuments, ResponseOf, SearchDocuments } from '@docpipe/contracts';
import { normalize, type Embedder } from '@docpipe/embeddings';
import { AppError } from '@docpipe/platform';
import type { ChunkHit, NativeSearch, SearchFilters } from '@docpipe/search-index';
import type { z } from 'zod';
import { SEARCH_CONFIG, type SearchConfig } from './config';
import { facetsOf, groupByDocument, type Facets, type ScoredChunk } from './document-results';
import { featureRerank, type RerankWeights } from './feature-reranker';
import type { OllamaReranker } from './ollama-reranker';
import { OLLAMA_RERANKER, RERANK_WEIGHTS, SERVING_INDEX } from './providers';
import { containsPhrase, parseQuery, type ParsedQuery } from './query-operators';
import { QueryExpansion } from './query-expansion';
import { reciprocalRankFusion } from './rank-fusion';
import { hybridCandidates, type FusedCandidate } from './score-fusion';
import type { ServedIndex, ServingSource } from './serving-index';
import { highlightTerms } from './snippets';

export type SearchRequest = z.output<(typeof SearchDocuments)['request']>;
export type SimilarRequest = z.output<(typeof FindSimilarDocuments)['request']>;
type FilterParameters = Pick<SearchRequest, 'tenantId' | 'documentType' | 'tag' | 'from' | 'to'>;
export type PassageRequest = FilterParameters & { question: string };

/** Keyword (BM25), semantic (vectors) and hybrid (both, fused by score, the best reranked) search over the chunk index, one tenant at a time. */
@Injectable()
export class SearchService {
  private readonly expansion = new QueryExpansion();

  constructor(
    @Inject(SEARCH_CONFIG) private readonly config: SearchConfig,
    @Inject(SERVING_INDEX) private readonly serving: ServingSource,
    @Inject(RERANK_WEIGHTS) private readonly rerankWeights: RerankWeights,
    @Inject(OLLAMA_RERANKER) private readonly ollamaReranker: OllamaReranker | null = null,
  ) {}

  async search(request: SearchRequest): Promise<ResponseOf<typeof SearchDocuments>> {
    const startedAt = performance.now();
    // Enough chunks to fill the requested page with documents even when documents have several matching chunks.
    const k = Math.min(1000, Math.max(this.config.SEARCH_CANDIDATES, request.page * request.size * 4));
    const query = parseQuery(request.q);
    const served = this.serving.current();
    const filters = filtersOf(request, query);
    const { chunks, facets } = served.index.native
      ? await this.searchedByEngine(served, served.index.native, request.mode, query, filters, k)
      : { chunks: await this.matchingChunks(served, request.mode, query, filters, k), facets: null };
    const documents = groupByDocument(chunks, highlightTerms(query.text), this.config.HIGHLIGHTS_PER_DOCUMENT);
    const offset = (request.page - 1) * request.size;
    return {
      hits: documents.slice(offset, offset + request.size),
      total: documents.length,
      facets: facets ?? facetsOf(documents),
      tookMs: Math.round(performance.now() - startedAt),
    };
  }

  /**
   * One request to an engine that searches whole (OPENSEARCH_NATIVE_SEARCH): it ranks, fuses hybrid search in its
   * search pipeline, keeps the chunks with the quoted phrases, highlights, and counts facets over every match, not
   * only over the candidates fetched. The feature reranker needs each engine's own scores, so only Ollama re-ranks here.
   */
  private async searchedByEngine(
    served: ServedIndex,
    native: NativeSearch,
    mode: SearchRequest['mode'],
    query: ParsedQuery,
    filters: SearchFilters,
    k: number,
  ): Promise<{ chunks: ScoredChunk[]; facets: Facets }> {
    const weight = this.config.SEARCH_EXPANSION_WEIGHT;
    const synonyms = weight > 0 ? this.expansion.expand(query.text) : [];
    const result = await native.search({
      mode,
      text: query.text,
      vector: mode === 'keyword' ? null : await served.embedder.embedQuery(query.text),
      typos: this.config.SEARCH_TYPO_TOLERANCE,
      expansion: synonyms.length > 0 ? { text: synonyms.join(' '), weight } : null,
      phrases: query.phrases,
      filters,
      k,
    });
    const chunks = result.hits.map((chunk) => ({ chunk, score: chunk.score }));
    const reranked = mode === 'hybrid' && this.ollamaReranker ? await this.ollamaReranker.rerank(query.text, chunks) : chunks;
    return { chunks: reranked, facets: result.facets };
  }

  /**
   * The best chunks for a question, as hybrid search ranks them (its filters and query operators included), with
   * the embedder of the index they come from: an answer is read from these.
   */
  async passages(request: PassageRequest, k: number): Promise<{ passages: ScoredChunk[]; embedder: Embedder }> {
    const served = this.serving.current();
    const query = parseQuery(request.question);
    const chunks = await this.matchingChunks(
      served,
      'hybrid',
      query,
      filtersOf(request, query),
      Math.max(this.config.SEARCH_CANDIDATES, k),
    );
    return { passages: chunks.slice(0, k), embedder: served.embedder };
  }

  /** Documents whose chunks lie closest to the document's own centroid, the document itself excluded. */
  async similar(request: SimilarRequest): Promise<ResponseOf<typeof FindSimilarDocuments>> {
    const { index } = this.serving.current();
    const chunks = await index.chunksOf(request.tenantId, request.documentId);
    if (chunks.length === 0)
      throw new AppError(
        'document_not_found',
        `Document ${request.documentId} is not in the search index (unknown, deleted or not indexed yet)`,
      );
    const vectors = chunks.flatMap((chunk) => (chunk.vector ? [chunk.vector] : []));
    // Without a single vector (no word the model knows) the document has no meaning to compare.
    if (vectors.length === 0) return { hits: [] };
    const centroid = new Float32Array(vectors[0].length);
    for (const vector of vectors) vector.forEach((value, d) => (centroid[d] += value));
    const filters = { tenantId: request.tenantId, excludeDocumentId: request.documentId };
    const hits = await index.vector(normalize(centroid), filters, Math.max(this.config.SEARCH_CANDIDATES, request.size * 4));
    const documents = groupByDocument(
      hits.map((chunk) => ({ chunk, score: chunk.score })),
      [],
      1,
    );
    return { hits: documents.slice(0, request.size) };
  }

  /** The ranked chunks that contain each of the query's quoted phrases. */
  private async matchingChunks(
    served: ServedIndex,
    mode: SearchRequest['mode'],
    query: ParsedQuery,
    filters: SearchFilters,
    k: number,
  ): Promise<ScoredChunk[]> {
    const ranked = await this.rankedChunks(served, mode, query.text, filters, k);
    return ranked.filter(({ chunk }) => query.phrases.every((phrase) => containsPhrase(chunk.text, phrase)));
  }

  private async rankedChunks(
    served: ServedIndex,
    mode: SearchRequest['mode'],
    text: string,
    filters: SearchFilters,
    k: number,
  ): Promise<ScoredChunk[]> {
    const byScore = (hits: ChunkHit[]): ScoredChunk[] => hits.map((chunk) => ({ chunk, score: chunk.score }));
    if (mode === 'keyword') return byScore(await this.keyword(served, text, filters, k));
    const vector = await served.embedder.embedQuery(text);
    if (mode === 'semantic') return byScore(await served.index.vector(vector, filters, k));
    if (this.config.SEARCH_FUSION === 'rrf') {
      const [keyword, semantic] = await Promise.all([this.keyword(served, text, filters, k), served.index.vector(vector, filters, k)]);
      return reciprocalRankFusion([keyword, semantic], (chunk) => chunk.chunkId, this.config.RRF_K).map(({ item, score }) => ({
        chunk: item,
        score,
      }));
    }
    const reranked = featureRerank(
      text,
      await this.candidatesFrom(served, text, filters, k, vector),
      this.rerankWeights,
      this.config.SEARCH_RERANK_TOP,
    );
    return this.ollamaReranker ? this.ollamaReranker.rerank(text, reranked) : reranked;
  }

  /** BM25 of the query, plus SEARCH_EXPANSION_WEIGHT × BM25 of its WordNet synonyms and broader words (when on). */
  private async keyword({ index }: ServedIndex, text: string, filters: SearchFilters, k: number): Promise<ChunkHit[]> {
    const options = { typos: this.config.SEARCH_TYPO_TOLERANCE };
    const weight = this.config.SEARCH_EXPANSION_WEIGHT;
    const terms = weight > 0 ? this.expansion.expand(text) : [];
    if (terms.length === 0) return index.keyword(text, filters, k, options);
    const [own, expanded] = await Promise.all([
      index.keyword(text, filters, k, options),
      index.keyword(terms.join(' '), filters, k, { typos: false }),
    ]);
    const scores = new Map<string, ChunkHit>();
    for (const hit of own) scores.set(hit.chunkId, { ...hit });
    for (const hit of expanded) {
      const entry = scores.get(hit.chunkId) ?? { ...hit, score: 0 };
      entry.score += weight * hit.score;
      scores.set(hit.chunkId, entry);
    }
    return [...scores.values()].sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** Hybrid search's first stage: both engines' chunks, fused by score, best first (public for the evaluation's learning). */
  candidates(text: string, filters: SearchFilters, k: number): Promise<FusedCandidate[]> {
    return this.candidatesFrom(this.serving.current(), text, filters, k);
  }

  /** What each engine finds for the query, before fusion (public so the evaluation can try fusion settings on them). */
  engineHits(text: string, filters: SearchFilters, k: number): Promise<{ keyword: ChunkHit[]; semantic: ChunkHit[] }> {
    return this.hitsFrom(this.serving.current(), text, filters, k);
  }

  private async candidatesFrom(
    served: ServedIndex,
    text: string,
    filters: SearchFilters,
    k: number,
    vector?: Float32Array,
  ): Promise<FusedCandidate[]> {
    const { keyword, semantic } = await this.hitsFrom(served, text, filters, k, vector);
    return hybridCandidates(text, keyword, semantic, {
      keywordWeight: this.config.SEARCH_KEYWORD_WEIGHT,
      coveragePower: this.config.SEARCH_COVERAGE_POWER,
      chunkCoveragePower: this.config.SEARCH_CHUNK_COVERAGE_POWER,
      typos: this.config.SEARCH_TYPO_TOLERANCE,
    });
  }

  private async hitsFrom(
    served: ServedIndex,
    text: string,
    filters: SearchFilters,
    k: number,
    vector?: Float32Array,
  ): Promise<{ keyword: ChunkHit[]; semantic: ChunkHit[] }> {
    const queryVector = vector ?? (await served.embedder.embedQuery(text));
    const [keyword, semantic] = await Promise.all([this.keyword(served, text, filters, k), served.index.vector(queryVector, filters, k)]);
    return { keyword, semantic };
  }
}

/** The tenant, and each filter given as a request parameter or as an operator in the query. */
function filtersOf(request: FilterParameters, query: ParsedQuery): SearchFilters {
  return {
    tenantId: request.tenantId,
    documentType: oneOf('type', request.documentType, query.documentType),
    tag: oneOf('tag', request.tag, query.tag),
    from: oneOf('from', request.from, query.from),
    to: oneOf('to', request.to, query.to),
  };
}

/** A filter given both as a request parameter and as an operator in the query must say the same. */
function oneOf(operator: string, parameter: string | undefined, inQuery: string | undefined): string | undefined {
  if (parameter !== undefined && inQuery !== undefined && parameter !== inQuery)
    throw new AppError(
      'invalid_request',
      `${operator}: in the query (${inQuery}) contradicts the ${operator} parameter (${parameter}); give it once`,
    );
  return parameter ?? inQuery;
}
