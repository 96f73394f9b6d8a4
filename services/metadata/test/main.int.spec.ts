import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { BrokerConnection, RpcClient } from '@docpipe/events';
import { GetDocument } from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import {
  fetchReadiness,
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { migrations } from '../src/database/data-source';

describe('the metadata service started from its entry point', () => {
  let database: IsolatedDatabase;
  let vhost: IsolatedVhost;
  let service: ServiceProcess;

  beforeAll(async () => {
    [database, vhost] = await Promise.all([isolatedDatabase('metadata'), isolatedVhost('metadata')]);
    // As `npm start` runs it, from the sources instead of dist/ so no prior build is needed.
    service = await startServiceProcess('metadata', {
      ...process.env,
      DATABASE_URL: database.url,
      RABBITMQ_URL: vhost.url,
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await service?.kill();
    await Promise.all([database?.drop(), vhost?.remove()]);
  });

  it('migrates an empty database, becomes ready, answers over RabbitMQ and stops cleanly on SIGTERM', async () => {
    expect(await fetchReadiness(service.url)).toEqual({
      status: 'ready',
      checks: { rabbitmq: 'ok', postgres: 'ok' },
    });

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations').finally(() => client.end());
    expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));

    const logger = createLogger({ service: 'metadata-test', level: 'silent' });
    const connection = new BrokerConnection({ url: vhost.url, connectionName: 'metadata-main-test', logger });
    const rpc = new RpcClient(connection, { timeoutMs: 10_000, logger });
    await rpc.start();
    connection.start();
    await connection.whenConnected();
    try {
      const answer = rpc.call(GetDocument, { tenantId: `tenant-${randomUUID()}`, documentId: randomUUID() });
      await expect(answer).rejects.toMatchObject({ code: 'document_not_found' });
    } finally {
      await connection.close();
    }

    // Nest closes the application (consumers drained, pool closed), then re-raises the signal it received.
    expect(await service.stop()).toEqual({ code: null, signal: 'SIGTERM' });
  });
});
