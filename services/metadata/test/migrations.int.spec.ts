import type { DataSource } from 'typeorm';
import { createLogger } from '@docpipe/platform';
import { isolatedDatabase, type IsolatedDatabase } from '@docpipe/stack';
import { createDataSource, migrations } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';

const logger = createLogger({ service: 'metadata-test', level: 'silent' });

describe('database migrations', () => {
  let database: IsolatedDatabase;
  const opened: DataSource[] = [];

  async function connect(): Promise<DataSource> {
    const dataSource = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
    opened.push(dataSource);
    return dataSource;
  }

  const tables = async (dataSource: DataSource): Promise<string[]> =>
    (
      (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)) as {
        table_name: string;
      }[]
    ).map((row) => row.table_name);

  beforeEach(async () => {
    database = await isolatedDatabase('metadata');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  it('creates the schema on an empty database and changes nothing when run again', async () => {
    const dataSource = await connect();
    await runMigrations(dataSource, logger);
    expect(await tables(dataSource)).toEqual([
      'api_keys',
      'audit_log',
      'document_stages',
      'document_timeline',
      'documents',
      'idempotent_responses',
      'outbox',
      'processed_events',
      'schema_migrations',
      'webhook_deliveries',
      'webhook_endpoints',
    ]);

    await runMigrations(dataSource, logger);
    const applied = (await dataSource.query('SELECT name FROM schema_migrations')) as { name: string }[];
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
  });

  it('lets instances starting together migrate once, one after the other', async () => {
    const instances = await Promise.all([connect(), connect(), connect()]);
    await Promise.all(instances.map((dataSource) => runMigrations(dataSource, logger)));

    const applied = (await instances[0].query('SELECT name FROM schema_migrations')) as { name: string }[];
    expect(applied).toHaveLength(migrations.length);
  });

  it('enforces one live document per tenant and content, but not for deleted ones', async () => {
    const dataSource = await connect();
    await runMigrations(dataSource, logger);
    const insert = (id: string, deleted: boolean) =>
      dataSource.query(
        `INSERT INTO documents (id, tenant_id, file_name, media_type, size_bytes, sha256, object_key, status, deleted_at)
         VALUES ($1, 't', 'a.pdf', 'application/pdf', 1, 'abc', 'k', 'queued', $2)`,
        [id, deleted ? new Date() : null],
      );
    await insert('00000000-0000-4000-8000-000000000001', true);
    await insert('00000000-0000-4000-8000-000000000002', false);
    await expect(insert('00000000-0000-4000-8000-000000000003', false)).rejects.toMatchObject({
      code: '23505',
    });
  });
});
