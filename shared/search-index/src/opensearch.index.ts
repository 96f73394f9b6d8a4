import { Client, type API } from '@opensearch-project/opensearch';
import { AppError, errorMessage, NonRetryableError, redactSecrets, type Logger } from '@docpipe/platform';
import { writeInBulk, type BulkItemResult, type BulkOptions, type SendBulk } from './opensearch-bulk';
import {
  chunkHit,
  chunkIndexBody,
  cosineFromKnnScore,
  documentQuery,
  documentsPageBody,
  documentTypeUpdateBody,
  keywordSearchBody,
  staleChunksQuery,
  vectorSearchBody,
  type ChunkIndexSettings,
} from './opensearch-requests';
import { OpenSearchChunkPages } from './opensearch-chunk-pages';
import type { HybridFusion } from './opensearch-native-requests';
import { OpenSearchNativeSearch } from './opensearch-native-search';
import type {
  ChunkHit,
  DocumentKey,
  IndexedChunk,
  IndexStats,
  NativeSearch,
  SearchFilters,
  SearchIndex,
  StoredChunk,
} from './search-index';
import type { KeywordOptions } from './typo-terms';

export interface OpenSearchIndexOptions extends ChunkIndexSettings {
  node: string;
  /** What readers query: switched atomically from the old index to the new one once a re-embedding is complete. */
  alias: string;
  /** The physical index this process writes, named after its embedder. */
  indexName: string;
  bulk: BulkOptions;
  /** A reader that lets the cluster rank, fuse, highlight and count facets: how hybrid search is fused. Absent: the app does. */
  nativeSearch?: HybridFusion;
  logger: Logger;
}

/** Chunks per page when reading a document back: bounded responses however long the document. */
const CHUNKS_PAGE = 500;
/** Document keys per page when listing an index's documents. */
const DOCUMENTS_PAGE = 1_000;

type Source = Record<string, unknown>;
type SearchHit = { _score?: number | null; _source?: Source };

/**
 * Chunks in OpenSearch: writes go to the embedder's own index, reads go through an alias. A new embedder
 * creates a new index beside the old one; once re-embedded, OpenSearchAlias points the alias at it in one atomic step.
 */
export class OpenSearchIndex implements SearchIndex {
  native: NativeSearch | null = null;
  private readonly chunkPages: OpenSearchChunkPages;

  private constructor(
    private readonly client: Client,
    private readonly options: OpenSearchIndexOptions,
  ) {
    this.chunkPages = new OpenSearchChunkPages({
      client,
      indexName: options.indexName,
      pageSize: CHUNKS_PAGE,
      call: this.call,
      logger: options.logger,
    });
  }

  get indexName(): string {
    return this.options.indexName;
  }

  static async open(options: OpenSearchIndexOptions): Promise<OpenSearchIndex> {
    const index = new OpenSearchIndex(new Client({ node: options.node }), options);
    await index.ensureIndex();
    if (options.nativeSearch) {
      const target = { client: index.client, indexName: index.indexName, alias: options.alias, efSearch: options.hnsw.efSearch };
      index.native = await OpenSearchNativeSearch.prepare({ ...target, call: index.call, logger: options.logger }, options.nativeSearch);
    }
    return index;
  }

  async upsertDocumentChunks(tenantId: string, documentId: string, chunks: IndexedChunk[]): Promise<void> {
    await writeInBulk(this.sendBulk, this.indexName, chunks, this.options.bulk);
    // Overwriting by chunk id leaves only the chunks beyond the new count of an older, longer version; no forced
    // refresh: until the next scheduled one, a search may still see that tail, which the new chunks outrank anyway.
    await this.deleteWhere(staleChunksQuery(tenantId, documentId, chunks.length), [this.indexName], false);
  }

  private readonly sendBulk: SendBulk = async (lines, waitForRefresh) => {
    try {
      const { body } = await this.client.bulk({ body: lines.flat(), refresh: waitForRefresh ? 'wait_for' : false });
      return body.items.map((item) => Object.values(item)[0] as BulkItemResult);
    } catch (error) {
      const status = statusOf(error);
      if (status === 429 || (status !== undefined && status >= 500)) return 'busy';
      if (status === 413) {
        throw new NonRetryableError(
          'search_index_request_too_large',
          `OpenSearch at ${this.options.node} refused a bulk request of at most ${this.options.bulk.maxBytes} bytes as too large: lower OPENSEARCH_BULK_MAX_BYTES`,
        );
      }
      throw this.unavailable('bulk index chunks', error);
    }
  };

  /** Refreshed before answering: once a delete is done, no search shows the document. */
  deleteDocument(tenantId: string, documentId: string): Promise<number> {
    return this.deleteWhere(documentQuery(tenantId, documentId), [this.indexName, this.options.alias], true);
  }

  /**
   * In its own index and in what the alias reads, refreshed before answering (a search then filters by the new type).
   * A chunk re-written meanwhile is a version conflict that fails the update, so the correction is retried, not lost.
   */
  async setDocumentType(tenantId: string, documentId: string, documentType: string): Promise<number> {
    const { body } = await this.call('set the document type', () =>
      this.client.updateByQuery({
        index: [...new Set([this.indexName, this.options.alias])],
        body: documentTypeUpdateBody(tenantId, documentId, documentType),
        refresh: true,
      }),
    );
    return 'updated' in body ? (body.updated ?? 0) : 0;
  }

  async keyword(query: string, filters: SearchFilters, k: number, options: KeywordOptions = {}): Promise<ChunkHit[]> {
    const hits = await this.search(keywordSearchBody(query, filters, k, options));
    return hits.map((hit) => chunkHit(hit._source ?? {}, hit._score ?? 0));
  }

  async vector(vector: Float32Array, filters: SearchFilters, k: number): Promise<ChunkHit[]> {
    if (vector.every((value) => value === 0)) return [];
    const hits = await this.search(vectorSearchBody(vector, filters, k, this.options.hnsw.efSearch));
    return hits.map((hit) => chunkHit(hit._source ?? {}, cosineFromKnnScore(hit._score ?? 0)));
  }

  /** Every chunk, however many: pages of CHUNKS_PAGE in ordinal order, from one snapshot of the index (OpenSearchChunkPages). */
  async chunksOf(tenantId: string, documentId: string): Promise<StoredChunk[]> {
    const hits = await this.chunkPages.read(tenantId, documentId);
    return hits.map((hit) => {
      const source = hit._source ?? {};
      const { score: _score, ...fields } = chunkHit(source, 0);
      const vector = Array.isArray(source.vector) ? Float32Array.from(source.vector as number[]) : null;
      return {
        ...fields,
        vector,
        pipeline: { extractor: String(source.extractor), chunker: String(source.chunker), embedder: String(source.embedder) },
      };
    });
  }

  /** Pages through this physical index's first chunks (not the alias's): what a re-embedding still has to copy. */
  async documents(): Promise<DocumentKey[]> {
    const keys: DocumentKey[] = [];
    for (let after: string | undefined; ;) {
      const { body } = await this.call('list documents', () =>
        this.client.search({ index: this.indexName, body: documentsPageBody(DOCUMENTS_PAGE, after) }),
      );
      const page = body.hits.hits as (SearchHit & { sort?: unknown[] })[];
      keys.push(...page.map((hit) => ({ tenantId: String(hit._source?.tenant_id), documentId: String(hit._source?.document_id) })));
      if (page.length < DOCUMENTS_PAGE) return keys;
      after = String(page.at(-1)?.sort?.[0]);
    }
  }

  async stats(): Promise<IndexStats> {
    const [{ body: count }, targets] = await Promise.all([
      this.call('count chunks', () => this.client.count({ index: this.options.alias })),
      this.aliasTargets(),
    ]);
    return {
      engine: 'opensearch',
      indexName: this.indexName,
      chunks: count.count,
      details: { alias: this.options.alias, aliasTargets: targets },
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async ensureIndex(): Promise<void> {
    const { body: exists } = await this.call('check the index', () => this.client.indices.exists({ index: this.indexName }));
    const aliasTargets = await this.aliasTargets();
    if (!exists) {
      // The first index also gets the alias at creation; a later one waits for the re-embedding to switch it (OpenSearchAlias).
      const alias = aliasTargets.length === 0 ? this.options.alias : undefined;
      await this.call('create the index', () =>
        this.client.indices.create({ index: this.indexName, body: chunkIndexBody(this.options, alias) }),
      );
      return;
    }
    if (aliasTargets.length === 0) {
      const actions = [{ add: { index: this.indexName, alias: this.options.alias } }];
      await this.call('point the alias at the index', () => this.client.indices.updateAliases({ body: { actions } }));
    } else if (!aliasTargets.includes(this.indexName)) {
      this.options.logger.warn(
        { alias: this.options.alias, aliasTargets, indexName: this.indexName },
        'the alias reads another index: writing to this one until re-embedding switches the alias',
      );
    }
  }

  private async aliasTargets(): Promise<string[]> {
    const { body: exists } = await this.call('check the alias', () => this.client.indices.existsAlias({ name: this.options.alias }));
    if (!exists) return [];
    const { body } = await this.call('read the alias', () => this.client.indices.getAlias({ name: this.options.alias }));
    return Object.keys(body);
  }

  private async search(body: API.Search_RequestBody): Promise<SearchHit[]> {
    // This physical index, not the alias: a reader switches its index and its query embedder together (ServingIndex).
    const { body: result } = await this.call('search', () => this.client.search({ index: this.indexName, body }));
    return result.hits.hits as SearchHit[];
  }

  private async deleteWhere(query: API.DeleteByQuery_RequestBody['query'], indices: string[], refresh: boolean): Promise<number> {
    const { body } = await this.call('delete chunks', () =>
      this.client.deleteByQuery({ index: [...new Set(indices)], body: { query }, refresh, conflicts: 'proceed' }),
    );
    return 'deleted' in body ? (body.deleted ?? 0) : 0;
  }

  private readonly call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw this.unavailable(what, error);
    }
  };

  /**
   * The client's error names the node with its credentials (in the message and in `meta`), so it is not kept as
   * the cause: only its redacted message travels on, to logs and `document.failed`.
   */
  private unavailable(what: string, error: unknown): AppError {
    return new AppError(
      'search_index_unavailable',
      `OpenSearch at ${redactSecrets(this.options.node)} could not ${what}: ${errorMessage(error)}`,
    );
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { meta?: { statusCode?: unknown } } | null)?.meta?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
