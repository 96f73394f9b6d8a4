import { connect, type GetMessage } from 'amqplib';
import { Pool } from 'pg';
import { isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { enqueueEvent, outboxTableSql, outboxTraceContextSql } from '../src/outbox';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { testChannel } from './support/test-event';

const untraced = testChannel('untraced');
const target = { tenantId: 'tenant-u', documentId: 'doc-untraced' };

describe('with tracing off (no tracer registered, the default)', () => {
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let bus: Bus;

  beforeAll(async () => {
    [vhost, database] = await Promise.all([isolatedVhost('events'), isolatedDatabase('events')]);
    bus = await openBus(vhost.url, [untraced.queue], capturingLogger().logger);
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([vhost?.remove(), database?.drop()]);
  });

  it('publishes events without trace headers and enqueues outbox rows without a trace context', async () => {
    await bus.publisher.publish(untraced.event, { sequence: 1 }, target);
    const connection = await connect(vhost.url);
    const channel = await connection.createChannel();
    const received: GetMessage[] = [];
    await waitFor(
      async () => {
        const message = await channel.get(untraced.queue.name, { noAck: true });
        if (message) received.push(message);
        return received.length === 1;
      },
      5_000,
      'the event',
    );
    await connection.close();
    const headers = received[0]?.properties.headers;
    expect(headers).toMatchObject({ 'x-document-id': target.documentId });
    expect(headers).not.toHaveProperty('traceparent');

    const pool = new Pool({ connectionString: database.url });
    await pool.query(outboxTableSql);
    await pool.query(outboxTraceContextSql);
    await enqueueEvent(
      (sql, parameters) => pool.query(sql, parameters).then((answer) => answer.rows),
      untraced.event,
      { sequence: 2 },
      target,
    );
    const { rows } = await pool.query('SELECT trace_context FROM outbox');
    await pool.end();
    expect(rows).toEqual([{ trace_context: null }]);
  });
});
