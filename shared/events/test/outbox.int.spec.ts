import { connect } from 'amqplib';
import { Pool } from 'pg';
import { isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { enqueueEvent, OutboxRelay, outboxTableSql, outboxTraceContextSql, type Transactor } from '../src/outbox';
import { declareTopology } from '../src/topology';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { testChannel } from './support/test-event';

const announced = testChannel('outbox-announced');
const unbound = testChannel('outbox-unbound');
const target = { tenantId: 'tenant-a', documentId: 'doc-1' };

describe('the transactional outbox on real PostgreSQL and RabbitMQ', () => {
  let database: IsolatedDatabase;
  let vhost: IsolatedVhost;
  let pool: Pool;
  let bus: Bus;
  let relay: OutboxRelay;
  const log = capturingLogger();
  const received: number[] = [];

  const transaction: Transactor = async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work((sql, parameters) => client.query(sql, parameters).then((answer) => answer.rows));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const unsent = async (): Promise<number> =>
    Number((await pool.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0].n);

  beforeAll(async () => {
    [database, vhost] = await Promise.all([isolatedDatabase('events'), isolatedVhost('events')]);
    pool = new Pool({ connectionString: database.url });
    await pool.query(outboxTableSql);
    await pool.query(outboxTraceContextSql);
    bus = await openBus(vhost.url, [announced.queue], log.logger);
    await bus.consume(announced.queue, async (event) => {
      received.push(event.payload.sequence);
    });
    relay = new OutboxRelay(transaction, bus.publisher, { pollIntervalMs: 100, batchSize: 50, logger: log.logger });
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await pool?.end();
    await Promise.all([database?.drop(), vhost?.remove()]);
  });

  it('publishes what a committed transaction enqueued, once, and marks it sent', async () => {
    await transaction((run) => Promise.all([1, 2, 3].map((sequence) => enqueueEvent(run, announced.event, { sequence }, target))));
    relay.wake();

    await waitFor(() => received.length === 3, 5_000, 'three announced events');
    expect([...received].sort()).toEqual([1, 2, 3]);
    // The rows are marked sent after the broker confirmed them, so a consumer may see them first.
    await waitFor(async () => (await unsent()) === 0, 5_000, 'the rows marked sent');
    expect(received).toHaveLength(3);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    await expect(
      transaction(async (run) => {
        await enqueueEvent(run, announced.event, { sequence: 99 }, target);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    relay.wake();
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(received).not.toContain(99);
    expect(await unsent()).toBe(0);
  });

  it('keeps an event the broker refuses and publishes it once it can be delivered', async () => {
    await transaction((run) => enqueueEvent(run, unbound.event, { sequence: 7 }, target));
    relay.wake();
    await waitFor(() => log.lines().some((line) => line.event === 'outbox.publish_failed'), 5_000, 'the refused publish');
    expect(await unsent()).toBe(1);

    const admin = await connect(vhost.url);
    await declareTopology(await admin.createChannel(), [unbound.queue]);
    await admin.close();
    const late: number[] = [];
    await bus.consume(unbound.queue, async (event) => {
      late.push(event.payload.sequence);
    });
    await waitFor(() => late.length === 1, 5_000, 'the event once its queue exists');
    expect(late).toEqual([7]);
    await waitFor(async () => (await unsent()) === 0, 5_000, 'the row marked sent');
  });
});
