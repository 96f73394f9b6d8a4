import type { Client } from '@opensearch-project/opensearch';
import { errorMessage, redactSecrets, type Logger } from '@docpipe/platform';
import { hybridPipelineBody, hybridPipelineId, nativeSearchBody, type HybridFusion } from './opensearch-native-requests';
import { chunkHit, cosineFromKnnScore } from './opensearch-requests';
import type { ChunkHit, FacetCount, NativeSearch, NativeSearchRequest, NativeSearchResult } from './search-index';

/** Runs a request against the cluster, turning its failure into the adapter's redacted `search_index_unavailable`. */
export type ClusterCall = <T>(what: string, request: () => Promise<T>) => Promise<T>;

interface NativeSearchTarget {
  client: Client;
  /** The physical index searched (not the alias: the embedder of the query vector belongs to this index). */
  indexName: string;
  /** Names the search pipeline, so indexes behind one alias share it. */
  alias: string;
  efSearch: number;
  call: ClusterCall;
  logger: Logger;
}

type Source = Record<string, unknown>;
interface NativeHit {
  _score?: number | null;
  _source?: Source;
  highlight?: Record<string, string[]>;
}
interface TermsBucket {
  key: unknown;
  doc_count: number;
  documents?: { value?: number | null };
}

/**
 * OpenSearch ranks, fuses, highlights and counts facets itself: hybrid search is one `hybrid` query whose keyword and
 * k-NN scores a search pipeline fuses (normalization-processor with min-max and a weighted mean, OpenSearch 2.10+ with
 * the neural-search plugin; score-ranker-processor with RRF, 2.19+), and each page of results is one request.
 */
export class OpenSearchNativeSearch implements NativeSearch {
  private constructor(
    private readonly target: NativeSearchTarget,
    private readonly pipelineId: string,
    readonly fusion: string,
  ) {}

  /**
   * Puts the hybrid search pipeline (idempotent: named after its content). A cluster that refuses it (no neural-search
   * plugin, a version without the processor) answers 4xx: null then, and the app fuses, highlights and counts instead.
   * A reader without the right to manage pipelines (403) uses the pipeline when an administrator has put it.
   */
  static async prepare(target: NativeSearchTarget, fusion: HybridFusion): Promise<OpenSearchNativeSearch | null> {
    const id = hybridPipelineId(target.alias, fusion);
    const body = hybridPipelineBody(fusion);
    const refused = await refusalOf(target, 'put the hybrid search pipeline', () => target.client.searchPipeline.put({ id, body }));
    if (
      refused?.status === 403 &&
      !(await refusalOf(target, 'read the hybrid search pipeline', () => target.client.searchPipeline.get({ id })))
    )
      return new OpenSearchNativeSearch(target, id, body.description ?? fusion.technique);
    if (refused) {
      target.logger.warn(
        { event: 'search-index.native-search-refused', pipeline: id, body, status: refused.status, reason: refused.reason },
        'the cluster refused the hybrid search pipeline (an administrator can put this body under this id): the app fuses, highlights and counts facets instead',
      );
      return null;
    }
    return new OpenSearchNativeSearch(target, id, body.description ?? fusion.technique);
  }

  async search(request: NativeSearchRequest): Promise<NativeSearchResult> {
    const { client, indexName, efSearch, call } = this.target;
    const { body } = await call('search', () =>
      client.search({
        index: indexName,
        body: nativeSearchBody(request, efSearch),
        // Only a hybrid query has sub-query scores for the pipeline to fuse.
        ...(request.mode === 'hybrid' ? { search_pipeline: this.pipelineId } : {}),
      }),
    );
    const hits = (body.hits.hits as NativeHit[]).map((hit) => nativeHit(hit, request.mode));
    const aggregations = (body.aggregations ?? {}) as Record<string, { buckets?: TermsBucket[] }>;
    return {
      hits,
      facets: { documentType: facetCounts(aggregations.document_type?.buckets), tag: facetCounts(aggregations.tags?.buckets) },
    };
  }
}

/**
 * The cluster's 4xx answer to a request (it understood and said no: an unknown processor, no permission, no such
 * pipeline), null when it succeeded; 5xx and no answer are outages, thrown as the adapter's redacted error.
 */
export async function refusalOf(target: { call: ClusterCall }, what: string, request: () => Promise<unknown>): Promise<Refusal | null> {
  return target.call(what, () =>
    request().then(
      () => null,
      (error: unknown) => {
        const status = (error as { meta?: { statusCode?: unknown } } | null)?.meta?.statusCode;
        if (typeof status === 'number' && status >= 400 && status < 500) return { status, reason: redactSecrets(errorMessage(error)) };
        throw error;
      },
    ),
  );
}

export interface Refusal {
  status: number;
  reason: string;
}

function nativeHit(hit: NativeHit, mode: NativeSearchRequest['mode']): ChunkHit {
  const score = hit._score ?? 0;
  const result = chunkHit(hit._source ?? {}, mode === 'semantic' ? cosineFromKnnScore(score) : score);
  const [highlight] = hit.highlight?.text ?? [];
  return highlight === undefined ? result : { ...result, highlight };
}

/** A type or tag with the number of distinct documents (the cardinality sub-aggregation), not of chunks. */
function facetCounts(buckets: TermsBucket[] = []): FacetCount[] {
  return buckets.map((bucket) => ({ value: String(bucket.key), count: bucket.documents?.value ?? bucket.doc_count }));
}
