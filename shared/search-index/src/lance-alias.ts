import * as lancedb from '@lancedb/lancedb';
import { Field, Schema, Utf8 } from 'apache-arrow';
import { AppError, errorMessage } from '@docpipe/platform';
import type { AliasTarget, EmbedderRecord, IndexAlias } from './index-alias';

const TABLE = 'index_aliases';
const PRIMARY_KEY_METADATA = 'lance-schema:unenforced-primary-key:position';
const WRITE_ATTEMPTS = 6;

const aliasSchema = new Schema([
  new Field('alias', new Utf8(), false, new Map([[PRIMARY_KEY_METADATA, '1']])),
  new Field('index_name', new Utf8(), false),
  new Field('embedder', new Utf8(), false),
  new Field('switched_at', new Utf8(), false),
]);

/**
 * The alias of the embedded engine: one row per alias in a small table beside the chunk tables, so every process
 * sharing LANCE_DIR reads the same pointer, and a switch is one commit (readers see the old row or the new one).
 */
export class LanceAlias implements IndexAlias {
  private constructor(
    private readonly connection: lancedb.Connection,
    private readonly table: lancedb.Table,
    private readonly alias: string,
  ) {}

  static async open(directory: string, alias: string): Promise<LanceAlias> {
    const connection = await lancedb.connect(directory, { readConsistencyInterval: 0 });
    // existOk: two processes starting together both end up with the one table.
    const table = await connection.createEmptyTable(TABLE, aliasSchema, { mode: 'create', existOk: true });
    return new LanceAlias(connection, table, alias);
  }

  async read(): Promise<AliasTarget | null> {
    const rows = await this.table.query().where(`alias = '${this.alias}'`).limit(1).toArray();
    const row = rows[0] as { index_name: string; embedder: string } | undefined;
    if (!row) return null;
    return { indexName: row.index_name, embedder: JSON.parse(row.embedder) as EmbedderRecord };
  }

  async switchTo(target: AliasTarget & { embedder: EmbedderRecord }): Promise<void> {
    const row = {
      alias: this.alias,
      index_name: target.indexName,
      embedder: JSON.stringify(target.embedder),
      switched_at: new Date().toISOString(),
    };
    const data = lancedb.makeArrowTable([row], { schema: aliasSchema });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.table.mergeInsert('alias').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(data);
        return;
      } catch (error) {
        // Another process committed in between (LanceDB's optimistic concurrency): the switch is simply tried again.
        if (!/conflict|retryable|concurrent/i.test(errorMessage(error)) || attempt === WRITE_ATTEMPTS) {
          throw new AppError(
            'search_index_write_failed',
            `Could not switch the alias ${this.alias} to ${target.indexName}: ${errorMessage(error)}`,
            {
              cause: error,
            },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, attempt * 20 + Math.random() * 50));
      }
    }
  }

  async close(): Promise<void> {
    this.table.close();
    this.connection.close();
  }
}
