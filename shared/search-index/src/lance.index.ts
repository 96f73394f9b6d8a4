import * as lancedb from '@lancedb/lancedb';
import { Bool, Field, FixedSizeList, Float32, Int32, List, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { AppError, errorMessage, type Logger } from '@docpipe/platform';
import { documentWhere, lanceWhere } from './lance-filter';
import type { ChunkHit, IndexedChunk, IndexStats, SearchFilters, SearchIndex, StoredChunk } from './search-index';
import { typoTerms, type KeywordOptions } from './typo-terms';

export interface LanceIndexOptions {
  directory: string;
  tableName: string;
  dimensions: number;
  /** Rows with a vector from which an ANN (IVF-HNSW-SQ) index is built; below it vector search is exact. */
  annMinRows: number;
  /** Writes between two optimizations (compaction, index updates, removal of old versions). */
  optimizeEvery: number;
  logger: Logger;
}

const PRIMARY_KEY_METADATA = 'lance-schema:unenforced-primary-key:position';
const WRITE_ATTEMPTS = 6;
// Old versions stay readable this long, for readers that opened them just before an optimization.
const KEEP_VERSIONS_MS = 60 * 60 * 1000;

type Row = Record<string, unknown>;

/**
 * Chunks in an embedded LanceDB table on local disk (or object storage): BM25 full-text search on `text`,
 * cosine vector search on `vector`, SQL filters. Reader and writer processes share the directory: every read
 * checks for newer versions (readConsistencyInterval 0), and writes retry on commit conflicts. `chunk_id` is
 * the table's primary key, so two writers upserting the same document conflict and retry instead of both
 * inserting.
 */
export class LanceIndex implements SearchIndex {
  private writesSinceOptimize = 0;

  private constructor(
    private readonly connection: lancedb.Connection,
    private readonly table: lancedb.Table,
    private readonly options: LanceIndexOptions,
  ) {}

  get indexName(): string {
    return this.options.tableName;
  }

  static async open(options: LanceIndexOptions): Promise<LanceIndex> {
    const connection = await lancedb.connect(options.directory, { readConsistencyInterval: 0 });
    const table = await openOrCreateTable(connection, options);
    await assertDimensions(table, options);
    await ensureFullTextIndex(table);
    return new LanceIndex(connection, table, options);
  }

  async upsertDocumentChunks(tenantId: string, documentId: string, chunks: IndexedChunk[]): Promise<void> {
    const rows = chunks.map((chunk) => this.toRow(chunk));
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

  async vector(vector: Float32Array, filters: SearchFilters, k: number): Promise<ChunkHit[]> {
    if (vector.every((value) => value === 0)) return [];
    const rows = await this.table
      .query()
      .nearestTo(vector)
      .distanceType('cosine')
      .where(`${lanceWhere(filters)} AND has_vector`)
      .select([...HIT_COLUMNS, '_distance'])
      .limit(k)
      .toArray();
    return (rows as Row[]).map((row) => toHit(row, 1 - Number(row._distance)));
  }

  async chunksOf(tenantId: string, documentId: string): Promise<StoredChunk[]> {
    const rows = (await this.table.query().where(documentWhere(tenantId, documentId)).toArray()) as Row[];
    return rows.map(toStoredChunk).sort((a, b) => a.ordinal - b.ordinal);
  }

  async stats(): Promise<IndexStats> {
    const [chunks, version, indices] = await Promise.all([this.table.countRows(), this.table.version(), this.table.listIndices()]);
    const indexes = await Promise.all(
      indices.map(async (index) => ({ name: index.name, type: index.indexType, ...(await this.table.indexStats(index.name)) })),
    );
    return { engine: 'lancedb', indexName: this.indexName, chunks, details: { directory: this.options.directory, version, indexes } };
  }

  /** Compacts small files, brings indexes up to date with new rows, drops old versions; builds the ANN index once worthwhile. */
  async optimize(): Promise<void> {
    await this.ensureVectorIndex();
    await this.table.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) });
    this.writesSinceOptimize = 0;
  }

  async close(): Promise<void> {
    this.table.close();
    this.connection.close();
  }

  private async ensureVectorIndex(): Promise<void> {
    const indices = await this.table.listIndices();
    if (indices.some((index) => index.columns.includes('vector'))) return;
    const rows = await this.table.countRows('has_vector');
    if (rows < this.options.annMinRows) return;
    this.options.logger.info({ rows, table: this.indexName }, 'building the vector ANN index');
    await this.table.createIndex('vector', { config: lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: 1 }) });
  }

  /** Runs a commit, retrying when another process committed in between; optimizes every few writes. */
  private async write(what: string, commit: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await commit();
        break;
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
    if (++this.writesSinceOptimize >= this.options.optimizeEvery) await this.optimizeQuietly();
  }

  /** Optimization is housekeeping: when it loses a race with another writer the next round does it. */
  private async optimizeQuietly(): Promise<void> {
    try {
      await this.optimize();
    } catch (error) {
      this.options.logger.warn({ err: error, table: this.indexName }, 'index optimization failed; it is tried again after the next writes');
    }
  }

  private toRow(chunk: IndexedChunk): Row {
    if (chunk.vector && chunk.vector.length !== this.options.dimensions) {
      throw new AppError(
        'embedding_dimension_mismatch',
        `Chunk ${chunk.chunkId} has a ${chunk.vector.length}-d vector; ${this.indexName} holds ${this.options.dimensions}-d vectors`,
      );
    }
    return {
      chunk_id: chunk.chunkId,
      tenant_id: chunk.tenantId,
      document_id: chunk.documentId,
      ordinal: chunk.ordinal,
      page: chunk.page,
      text: chunk.text,
      vector: Array.from(chunk.vector ?? new Float32Array(this.options.dimensions)),
      has_vector: chunk.vector !== null,
      document_type: chunk.documentType,
      tags: chunk.tags,
      file_name: chunk.fileName,
      created_at: new Date(chunk.createdAt),
      extractor: chunk.pipeline.extractor,
      chunker: chunk.pipeline.chunker,
      embedder: chunk.pipeline.embedder,
    };
  }
}

const HIT_COLUMNS = ['chunk_id', 'tenant_id', 'document_id', 'ordinal', 'page', 'text', 'document_type', 'tags', 'file_name', 'created_at'];

function chunkSchema(dimensions: number): Schema {
  return new Schema([
    new Field('chunk_id', new Utf8(), false, new Map([[PRIMARY_KEY_METADATA, '1']])),
    new Field('tenant_id', new Utf8(), false),
    new Field('document_id', new Utf8(), false),
    new Field('ordinal', new Int32(), false),
    new Field('page', new Int32(), false),
    new Field('text', new Utf8(), false),
    new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false),
    new Field('has_vector', new Bool(), false),
    new Field('document_type', new Utf8(), true),
    new Field('tags', new List(new Field('item', new Utf8(), true)), false),
    new Field('file_name', new Utf8(), false),
    new Field('created_at', new TimestampMillisecond(), false),
    new Field('extractor', new Utf8(), false),
    new Field('chunker', new Utf8(), false),
    new Field('embedder', new Utf8(), false),
  ]);
}

function toHit(row: Row, score: number): ChunkHit {
  return { ...chunkFields(row), score };
}

function toStoredChunk(row: Row): StoredChunk {
  return {
    ...chunkFields(row),
    vector: row.has_vector ? Float32Array.from(row.vector as Iterable<number>) : null,
    pipeline: { extractor: String(row.extractor), chunker: String(row.chunker), embedder: String(row.embedder) },
  };
}

function chunkFields(row: Row): Omit<ChunkHit, 'score'> {
  return {
    chunkId: String(row.chunk_id),
    tenantId: String(row.tenant_id),
    documentId: String(row.document_id),
    ordinal: Number(row.ordinal),
    page: Number(row.page),
    text: String(row.text),
    documentType: row.document_type === null || row.document_type === undefined ? null : String(row.document_type),
    tags: row.tags ? Array.from(row.tags as Iterable<string>) : [],
    fileName: String(row.file_name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

async function openOrCreateTable(connection: lancedb.Connection, options: LanceIndexOptions): Promise<lancedb.Table> {
  if ((await connection.tableNames()).includes(options.tableName)) return connection.openTable(options.tableName);
  // existOk: a process creating it at the same moment wins, and this one opens that table.
  return connection.createEmptyTable(options.tableName, chunkSchema(options.dimensions), { mode: 'create', existOk: true });
}

async function assertDimensions(table: lancedb.Table, options: LanceIndexOptions): Promise<void> {
  const field = (await table.schema()).fields.find((candidate) => candidate.name === 'vector');
  const size = field?.type instanceof FixedSizeList ? field.type.listSize : undefined;
  if (size !== options.dimensions) {
    throw new AppError(
      'search_index_mismatch',
      `Table ${options.tableName} in ${options.directory} holds ${size}-d vectors, the embedder makes ${options.dimensions}-d ones: point LANCE_DIR elsewhere or remove the table`,
    );
  }
}

async function ensureFullTextIndex(table: lancedb.Table): Promise<void> {
  const hasIndex = async () => (await table.listIndices()).some((index) => index.indexType === 'FTS');
  if (await hasIndex()) return;
  const config = lancedb.Index.fts({
    baseTokenizer: 'simple',
    lowercase: true,
    stem: true,
    language: 'English',
    removeStopWords: true,
    asciiFolding: true,
  });
  try {
    await table.createIndex('text', { config, replace: false });
  } catch (error) {
    // Another process may have created it meanwhile; anything else is a real failure.
    if (!(await hasIndex())) throw error;
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
