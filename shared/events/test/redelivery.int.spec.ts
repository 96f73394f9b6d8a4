import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { processedEventsTableSql } from '../src/inbox';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { testChannel } from './support/test-event';

const packageRoot = join(__dirname, '..');
const schema = `redelivery_${process.pid}`;
const inbox = testChannel('inbox');

function startConsumer(env: Record<string, string>): ChildProcess {
  // node itself (with tsx as a loader), so the signal that ends the consumer is the exit we observe.
  return spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/inbox-consumer.ts'], {
    cwd: packageRoot,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: 'test/fixtures/tsconfig.json' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

describe('a consumer killed before its ack', () => {
  let vhost: IsolatedVhost;
  let bus: Bus;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    bus = await openBus(vhost.url, [inbox.queue], capturingLogger().logger);
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    await db.query(processedEventsTableSql);
    await db.query('CREATE TABLE effects (event_id uuid NOT NULL, sequence int NOT NULL)');
    await db.query('CREATE TABLE deliveries (event_id uuid NOT NULL, redelivered boolean NOT NULL)');
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await bus.close();
    await vhost.remove();
    await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.end();
  });

  it('gets the message again and the inbox lets its effect happen once', async () => {
    const env = { AMQP_URL: vhost.url, DATABASE_URL: process.env.DATABASE_URL!, SCHEMA: schema };
    const crashing = startConsumer({ ...env, CRASH_AFTER_COMMIT: '1' });
    children.push(crashing);
    const crashed = new Promise<NodeJS.Signals | null>((resolve) => crashing.on('exit', (_code, signal) => resolve(signal)));
    const sent = [];
    for (const sequence of [1, 2, 3])
      sent.push(await bus.publisher.publish(inbox.event, { sequence }, { tenantId: 't', documentId: `d${sequence}` }));

    expect(await crashed).toBe('SIGKILL');
    const survivor = startConsumer(env);
    children.push(survivor);
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM effects')).rows[0].n === 3, 30_000, 'three effects');
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM deliveries')).rows[0].n === 4, 5_000, 'four deliveries');

    const effects = await db.query('SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id');
    expect(effects.rows).toHaveLength(3);
    expect(effects.rows.every((row: { n: number }) => row.n === 1)).toBe(true);
    const redelivered = await db.query('SELECT event_id FROM deliveries WHERE redelivered');
    expect(redelivered.rows).toEqual([{ event_id: sent[0].id }]);
  });
});
