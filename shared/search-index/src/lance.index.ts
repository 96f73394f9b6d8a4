import * as lancedb from '@lancedb/lancedb';
import { AppError, errorMessage, type Logger } from '@docpipe/platform';
import { documentWhere, lanceWhere } from './lance-filter';
import { LanceMaintenance, type LanceMaintenanceSettings, type MaintenanceProgress } from './lance-maintenance';
import { chunkSchema, HIT_COLUMNS, toHit, toRow, toStoredChunk, type Row } from './lance-rows';
import { openChunkTable, type LanceTableOptions } from './lance-table';
import { RowCounts, vectorSearchPlan } from './lance-vector-plan';
import type { ChunkHit, DocumentKey, IndexedChunk, IndexStats, SearchFilters, SearchIndex, StoredChunk } from './search-index';
import { typoTerms, type KeywordOptions } from './typo-terms';

/**
 * The ANN index and how it is searched. `hnsw-sq`: one HNSW graph over 8-bit scalar-quantised vectors (small,
 * fast, but near-equal vectors become equal codes); `ivf-flat`: k-means partitions holding the full vectors,
 * the `nprobes` nearest partitions searched exactly (no quantisation error, larger, a faster build).
 */
export interface LanceAnnSettings {
  kind: 'hnsw-sq' | 'ivf-flat';
  /** Rows with a vector from which the ANN index is built; below it vector search is exact. */
  minRows: number;
  /** hnsw-sq: links per vector in the graph, and the candidate list while building it. */
  m: number;
  efConstruction: number;
  /** hnsw-sq: candidate list per query (at least k is used): the graph walk's breadth, recall against latency. */
  ef: number;
  /** The best k × refineFactor candidates are re-scored with the full vectors, undoing the quantisation's error; 0: none. */
  refineFactor: number;
  /** ivf-flat: partitions searched per query. */
  nprobes: number;
  /** ivf-flat: rows per k-means partition at build (ceil(rows / partitionRows) partitions). */
  partitionRows: number;
}

export interface LanceIndexOptions extends LanceTableOptions {
  ann: LanceAnnSettings;
  /** Set in the writing process: keeps the indexes up to date in the background. Readers leave it out. */
  maintenance?: LanceMaintenanceSettings;
  logger: Logger;
}

const WRITE_ATTEMPTS = 6;
// How LanceDB names each kind of index in listIndices().
const INDEX_TYPES = { 'hnsw-sq': 'IvfHnswSq', 'ivf-flat': 'IvfFlat' } as const;
// Old versions stay readable this long, for readers that opened them just before an optimization.
const KEEP_VERSIONS_MS = 60 * 60 * 1000;

/**
 * Chunks in an embedded LanceDB table on local disk (or object storage): BM25 full-text search on `text`,
 * cosine vector search on `vector`, SQL filters applied before the vector search (pre-filtering), so a small
 * tenant still gets k results, and its true nearest ones: a filter leaving few rows is searched exactly (see
 * lance-vector-plan.ts). Reader and writer processes share the directory: every read checks for newer
 * versions (readConsistencyInterval 0), and writes retry on commit conflicts. `chunk_id` is the table's primary
 * key, so two writers upserting the same document conflict and retry instead of both inserting. Rows written
 * since the last index build are searched exactly and merged with the indexed results (no fastSearch), so a
 * write is findable at once; the writer's background maintenance folds them into the indexes.
 */
export class LanceIndex implements SearchIndex {
  /** LanceDB has no fusion, highlighting or aggregation of its own: the search service does them. */
  readonly native = null;
  private readonly maintenance: LanceMaintenance | undefined;
  private readonly rowCounts: RowCounts;

  private constructor(
    private readonly connection: lancedb.Connection,
    private readonly table: lancedb.Table,
    private readonly options: LanceIndexOptions,
  ) {
    if (options.maintenance) this.maintenance = new LanceMaintenance(this, options.maintenance, options.logger);
    this.rowCounts = new RowCounts((where) => table.countRows(where));
  }

  get indexName(): string {
    return this.options.tableName;
  }

  static async open(options: LanceIndexOptions): Promise<LanceIndex> {
    const connection = await lancedb.connect(options.directory, { readConsistencyInterval: 0 });
    const table = await openChunkTable(connection, options);
    const index = new LanceIndex(connection, table, options);
    index.maintenance?.start();
    return index;
  }

  async upsertDocumentChunks(tenantId: string, documentId: string, chunks: IndexedChunk[]): Promise<void> {
    const rows = chunks.map((chunk) => toRow(chunk, this.options.dimensions, this.indexName));
    const where = documentWhere(tenantId, documentId);
    await this.write(`replace chunks of ${documentId}`, async () => {
      if (rows.length === 0) return void (await this.table.delete(where));
      const data = lancedb.makeArrowTable(rows, { schema: chunkSchema(this.options.dimensions) });
      await this.table
        .mergeInsert('chunk_id')
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .whenNotMatchedBySourceDelete({ where })
        .execute(data);
    });
  }

  async deleteDocument(tenantId: string, documentId: string): Promise<number> {
    const where = documentWhere(tenantId, documentId);
    let deleted = 0;
    await this.write(`delete chunks of ${documentId}`, async () => {
      deleted = (await this.table.delete(where)).numDeletedRows;
    });
    return deleted;
  }

  async setDocumentType(tenantId: string, documentId: string, documentType: string): Promise<number> {
    let updated = 0;
    await this.write(`set the type of ${documentId}`, async () => {
      const result = await this.table.update({ where: documentWhere(tenantId, documentId), values: { document_type: documentType } });
      updated = result.rowsUpdated;
    });
    return updated;
  }

  async keyword(query: string, filters: SearchFilters, k: number, options: KeywordOptions = {}): Promise<ChunkHit[]> {
    if (!hasSearchableWord(query)) return [];
    const rows = await this.table
      .query()
      .fullTextSearch(options.typos ? typoTolerant(query) : new lancedb.MatchQuery(query, 'text'))
      .where(lanceWhere(filters))
      .select([...HIT_COLUMNS, '_score'])
      .limit(k)
      .toArray();
    return (rows as Row[]).map((row) => toHit(row, Number(row._score)));
  }

  /** Cosine nearest chunks the filters allow: exactly for a filter leaving few rows, else through the ANN index. */
  async vector(vector: Float32Array, filters: SearchFilters, k: number): Promise<ChunkHit[]> {
    if (vector.every((value) => value === 0)) return [];
    const where = `${lanceWhere(filters)} AND has_vector`;
    const [matching, total] = await Promise.all([this.rowCounts.of(where), this.rowCounts.of()]);
    const plan = vectorSearchPlan(matching, total, this.options.ann);
    const query = this.table.query().nearestTo(vector).distanceType('cosine');
    const rows = await (plan.exact ? query.bypassVectorIndex() : this.annQuery(query, k, plan.nprobes))
      .where(where)
      .select([...HIT_COLUMNS, '_distance'])
      .limit(k)
      .toArray();
    return (rows as Row[]).map((row) => toHit(row, 1 - Number(row._distance)));
  }

  async chunksOf(tenantId: string, documentId: string): Promise<StoredChunk[]> {
    const rows = (await this.table.query().where(documentWhere(tenantId, documentId)).toArray()) as Row[];
    return rows.map(toStoredChunk).sort((a, b) => a.ordinal - b.ordinal);
  }

  /** Every document's first chunk (ordinal 0) names the document: one small row per document. */
  async documents(): Promise<DocumentKey[]> {
    const rows = (await this.table.query().where('ordinal = 0').select(['tenant_id', 'document_id']).toArray()) as Row[];
    return rows.map((row) => ({ tenantId: String(row.tenant_id), documentId: String(row.document_id) }));
  }

  async stats(): Promise<IndexStats> {
    const [chunks, version, indices] = await Promise.all([this.table.countRows(), this.table.version(), this.table.listIndices()]);
    const indexes = await Promise.all(
      indices.map(async (index) => ({ name: index.name, type: index.indexType, ...(await this.table.indexStats(index.name)) })),
    );
    const maintenance: MaintenanceProgress | null = this.maintenance?.progress() ?? null;
    return {
      engine: 'lancedb',
      indexName: this.indexName,
      chunks,
      details: { directory: this.options.directory, version, indexes, unindexedRows: await this.unindexedRows(), maintenance },
    };
  }

  /** Compacts small files, brings indexes up to date with new rows, drops old versions; builds the ANN index once worthwhile. */
  async optimize(): Promise<void> {
    await this.ensureVectorIndex();
    await this.table.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) });
  }

  /** Rows some index does not cover yet (searched exactly until maintenance); vectors count once the ANN index is due. */
  async unindexedRows(): Promise<number> {
    const indices = await this.table.listIndices();
    const counts = await Promise.all(indices.map(async (index) => (await this.table.indexStats(index.name))?.numUnindexedRows ?? 0));
    if (!indices.some((index) => index.columns.includes('vector'))) {
      const vectors = await this.table.countRows('has_vector');
      if (vectors >= this.options.ann.minRows) counts.push(vectors);
    }
    return Math.max(0, ...counts);
  }

  async close(): Promise<void> {
    await this.maintenance?.stop();
    this.table.close();
    this.connection.close();
  }

  private annQuery(query: lancedb.VectorQuery, k: number, nprobes: number): lancedb.VectorQuery {
    // Re-scoring undoes quantisation; ivf-flat already compares the full vectors.
    const refineFactor = this.options.ann.kind === 'hnsw-sq' ? this.options.ann.refineFactor : 0;
    // The graph walk must hand over every candidate asked for: k, or k × refineFactor when they are re-scored.
    const tuned = query.ef(Math.max(this.options.ann.ef, k * Math.max(1, refineFactor))).nprobes(nprobes);
    return refineFactor > 0 ? tuned.refineFactor(refineFactor) : tuned;
  }

  /** Builds the ANN index once worthwhile, and again when LANCE_ANN_INDEX names another kind than the one built. */
  private async ensureVectorIndex(): Promise<void> {
    const { kind, minRows, m, efConstruction, partitionRows } = this.options.ann;
    const built = (await this.table.listIndices()).find((index) => index.columns.includes('vector'));
    if (built && built.indexType === INDEX_TYPES[kind]) return;
    const rows = await this.table.countRows('has_vector');
    if (rows < minRows) return;
    this.options.logger.info({ rows, kind, replaces: built?.indexType ?? null, table: this.indexName }, 'building the vector ANN index');
    // hnsw-sq: one partition, a single graph over the whole table. ivf-flat: partitions of partitionRows, named here
    // because the vector search plan counts on them (LanceDB 0.30's own default is the same, 8,192 rows).
    const config =
      kind === 'hnsw-sq'
        ? lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: 1, m, efConstruction })
        : lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.ceil(rows / partitionRows) });
    await this.table.createIndex('vector', { config, replace: true });
  }

  /** Runs a commit, retrying when another process committed in between. */
  private async write(what: string, commit: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await commit();
        return;
      } catch (error) {
        if (!isCommitConflict(error) || attempt === WRITE_ATTEMPTS) {
          throw new AppError('search_index_write_failed', `Could not ${what} in ${this.indexName}: ${errorMessage(error)}`, {
            cause: error,
          });
        }
        this.options.logger.debug({ attempt, reason: errorMessage(error) }, 'commit conflict, retrying');
        await sleep(attempt * 20 + Math.random() * 50);
      }
    }
  }
}

// The English stop words of the full-text index (tantivy's, from Lucene): a query of only these fails inside LanceDB.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** The exact query, or any of its long words give or take a typo (see KeywordOptions.typos). */
function typoTolerant(query: string): lancedb.FullTextQuery {
  const fuzzy = typoTerms(query).map(({ word, edits }): [lancedb.Occur, lancedb.FullTextQuery] => [
    lancedb.Occur.Should,
    new lancedb.MatchQuery(word, 'text', { fuzziness: edits, prefixLength: 1 }),
  ]);
  if (fuzzy.length === 0) return new lancedb.MatchQuery(query, 'text');
  return new lancedb.BooleanQuery([[lancedb.Occur.Should, new lancedb.MatchQuery(query, 'text')], ...fuzzy]);
}

function hasSearchableWord(query: string): boolean {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => !STOP_WORDS.has(word));
}

function isCommitConflict(error: unknown): boolean {
  return /conflict|retryable|concurrent/i.test(errorMessage(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
