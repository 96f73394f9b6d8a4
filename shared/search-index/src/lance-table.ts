import * as lancedb from '@lancedb/lancedb';
import { FixedSizeList } from 'apache-arrow';
import { AppError } from '@docpipe/platform';
import { chunkSchema } from './lance-rows';

/** What a LanceIndex needs to open a table: where it is, its name and its vectors' size. */
export interface LanceTableOptions {
  directory: string;
  tableName: string;
  dimensions: number;
}

/** Opens the chunk table, creating it when missing, with the indexes every query relies on. */
export async function openChunkTable(connection: lancedb.Connection, options: LanceTableOptions): Promise<lancedb.Table> {
  const table = await openOrCreateTable(connection, options);
  await assertDimensions(table, options);
  await ensureIndex(table, 'text', 'FTS', fullTextIndex());
  // Every query filters by tenant: the index finds a tenant's rows without a scan, which makes an exact vector search
  // of a small tenant cheap (see lance-vector-plan.ts).
  await ensureIndex(table, 'tenant_id', 'BTree', lancedb.Index.btree());
  return table;
}

async function openOrCreateTable(connection: lancedb.Connection, options: LanceTableOptions): Promise<lancedb.Table> {
  if ((await connection.tableNames()).includes(options.tableName)) return connection.openTable(options.tableName);
  // existOk: a process creating it at the same moment wins, and this one opens that table.
  return connection.createEmptyTable(options.tableName, chunkSchema(options.dimensions), { mode: 'create', existOk: true });
}

async function assertDimensions(table: lancedb.Table, options: LanceTableOptions): Promise<void> {
  const field = (await table.schema()).fields.find((candidate) => candidate.name === 'vector');
  const size = field?.type instanceof FixedSizeList ? field.type.listSize : undefined;
  if (size !== options.dimensions) {
    throw new AppError(
      'search_index_mismatch',
      `Table ${options.tableName} in ${options.directory} holds ${size}-d vectors, the embedder makes ${options.dimensions}-d ones: point LANCE_DIR elsewhere or remove the table`,
    );
  }
}

function fullTextIndex(): lancedb.Index {
  return lancedb.Index.fts({
    baseTokenizer: 'simple',
    lowercase: true,
    stem: true,
    language: 'English',
    removeStopWords: true,
    asciiFolding: true,
  });
}

async function ensureIndex(table: lancedb.Table, column: string, indexType: string, config: lancedb.Index): Promise<void> {
  const hasIndex = async () => (await table.listIndices()).some((index) => index.columns.includes(column) && index.indexType === indexType);
  if (await hasIndex()) return;
  try {
    await table.createIndex(column, { config, replace: false });
  } catch (error) {
    // Another process may have created it meanwhile; anything else is a real failure.
    if (!(await hasIndex())) throw error;
  }
}
