import { SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Pool } from 'pg';
import { z } from 'zod';
import { runInContext } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { defineEvent, defineRequest, type RequestContract } from '@docpipe/contracts';
import { LiveSubscription } from '../src/live-subscription';
import { enqueueEvent, OutboxRelay, outboxTableSql, outboxTraceContextSql, type Transactor } from '../src/outbox';
import { RpcClient } from '../src/rpc-client';
import { RpcServer, type RequestHandler } from '../src/rpc-server';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { testChannel } from './support/test-event';

const traced = testChannel('traced');
const flaky = testChannel('traced-flaky', { maxAttempts: 3, initialDelayMs: 100, multiplier: 1 });
const relayed = testChannel('traced-outbox');
const Tick = defineEvent({
  type: 'test.traced-tick',
  version: 1,
  description: 'A broadcast the tracing tests publish.',
  payload: z.object({ sequence: z.number().int() }),
  broadcast: true,
});
const Echo = defineRequest({
  name: 'test.echo',
  service: 'test',
  description: 'Answers with what it was sent.',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string() }),
  errors: [],
});
const target = { tenantId: 'tenant-t', documentId: 'doc-traced' };

describe('one trace across publish, consume, retry, request/reply and the outbox (real RabbitMQ and PostgreSQL)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = trace.getTracer('test');
  const log = capturingLogger();
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let bus: Bus;
  let pool: Pool;

  const spans = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.name === name);
  const only = (name: string): ReadableSpan => {
    const found = spans(name);
    if (found.length !== 1) throw new Error(`expected one span named ${name}, found ${found.length}`);
    return found[0]!;
  };
  /** Runs `work` in a span of the test's own, the root of the trace, and returns that span's context. */
  const inRootSpan = (work: () => Promise<unknown>): Promise<SpanContext> =>
    tracer.startActiveSpan('test root', async (span) => {
      await runInContext({ correlationId: 'corr-traced' }, work);
      span.end();
      return span.spanContext();
    });
  const expectChild = (span: ReadableSpan, parent: SpanContext) => {
    expect(span.spanContext().traceId).toBe(parent.traceId);
    expect(span.parentSpanContext?.spanId).toBe(parent.spanId);
  };

  beforeAll(async () => {
    provider.register();
    [vhost, database] = await Promise.all([isolatedVhost('events'), isolatedDatabase('events')]);
    bus = await openBus(vhost.url, [traced.queue, flaky.queue, relayed.queue], log.logger);
    pool = new Pool({ connectionString: database.url });
    await pool.query(outboxTableSql);
    await pool.query(outboxTraceContextSql);
  });

  afterAll(async () => {
    await bus?.close();
    await pool?.end();
    await Promise.all([vhost?.remove(), database?.drop()]);
    await provider.shutdown();
  });

  it('makes the consumer span a child of the publish span, in the publisher’s trace, with the message’s ids', async () => {
    const inHandler: SpanContext[] = [];
    await bus.consume(traced.queue, async () => {
      inHandler.push(trace.getActiveSpan()!.spanContext());
      log.logger.info({ event: 'test.handled' }, 'handled in a span');
    });

    let sent = { id: '' };
    const root = await inRootSpan(async () => {
      sent = await bus.publisher.publish(traced.event, { sequence: 1 }, target);
    });
    await waitFor(() => spans(`${traced.queue.name} process`).length === 1, 5_000, 'the consumer span');

    const publish = only(`${traced.event.routingKey} publish`);
    const consume = only(`${traced.queue.name} process`);
    expect([publish.kind, consume.kind]).toEqual([SpanKind.PRODUCER, SpanKind.CONSUMER]);
    expectChild(publish, root);
    expectChild(consume, publish.spanContext());
    expect(consume.attributes).toMatchObject({
      'messaging.system': 'rabbitmq',
      'messaging.destination.name': traced.queue.name,
      'messaging.rabbitmq.destination.routing_key': traced.event.routingKey,
      'messaging.message.id': sent.id,
      'docpipe.correlation_id': 'corr-traced',
      'docpipe.document_id': target.documentId,
      'docpipe.attempt': 1,
    });
    expect(inHandler).toEqual([consume.spanContext()]);
    expect(log.lines().find((line) => line.event === 'test.handled')).toMatchObject({
      trace_id: root.traceId,
      span_id: consume.spanContext().spanId,
    });
  });

  it('keeps every retry of a failing handler in the original trace, each attempt a child of the publish', async () => {
    await bus.consume(flaky.queue, async (_event, delivery) => {
      if (delivery.attempt === 1) throw new Error('first attempt fails');
    });

    const root = await inRootSpan(() => bus.publisher.publish(flaky.event, { sequence: 2 }, target));
    await waitFor(() => spans(`${flaky.queue.name} process`).length === 2, 5_000, 'two attempts');

    const publish = only(`${flaky.event.routingKey} publish`);
    expectChild(publish, root);
    const attempts = spans(`${flaky.queue.name} process`).sort(
      (a, b) => Number(a.attributes['docpipe.attempt']) - Number(b.attributes['docpipe.attempt']),
    );
    for (const attempt of attempts) expectChild(attempt, publish.spanContext());
    expect(attempts.map((attempt) => [attempt.attributes['docpipe.attempt'], attempt.status.code])).toEqual([
      [1, SpanStatusCode.ERROR],
      [2, SpanStatusCode.UNSET],
    ]);
  });

  it('answers a request in a SERVER span that is the child of the caller’s CLIENT span', async () => {
    const handlers = new Map<string, { contract: RequestContract; handle: RequestHandler }>([
      [Echo.name, { contract: Echo, handle: async (request) => request }],
    ]);
    const server = new RpcServer(bus.connection, 'test', handlers, { prefetch: 4, logger: log.logger });
    const client = new RpcClient(bus.connection, { timeoutMs: 5_000, logger: log.logger });
    await Promise.all([server.start(), client.start()]);

    const root = await inRootSpan(async () => expect(await client.call(Echo, { text: 'hello' })).toEqual({ text: 'hello' }));
    await server.stop();

    const request = only('test.echo request');
    const answer = only('test.echo answer');
    expect([request.kind, answer.kind]).toEqual([SpanKind.CLIENT, SpanKind.SERVER]);
    expectChild(request, root);
    expectChild(answer, request.spanContext());
    expect(answer.attributes).toMatchObject({ 'messaging.destination.name': 'test.requests', 'docpipe.correlation_id': 'corr-traced' });
  });

  it('delivers a broadcast to a live subscription in the publisher’s trace', async () => {
    const listener = await openBus(vhost.url, [], log.logger);
    const received: number[] = [];
    const subscription = new LiveSubscription(listener.connection, [Tick], async (event) => void received.push(event.payload.sequence), {
      logger: log.logger,
    });
    await subscription.start();

    const root = await inRootSpan(() => bus.publisher.publish(Tick, { sequence: 3 }, target));
    await waitFor(() => spans(`live ${Tick.routingKey} process`).length === 1, 5_000, 'the live consumer span');
    await subscription.stop();
    await listener.close();

    expect(received).toEqual([3]);
    const publish = only(`${Tick.routingKey} publish`);
    expectChild(publish, root);
    expectChild(only(`live ${Tick.routingKey} process`), publish.spanContext());
  });

  it('relays an outbox event in the trace of the transaction that enqueued it, not of the relay', async () => {
    const transaction: Transactor = async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work((sql, parameters) => client.query(sql, parameters).then((answer) => answer.rows));
        await client.query('COMMIT');
        return result;
      } finally {
        client.release();
      }
    };
    await bus.consume(relayed.queue, async () => undefined);

    const root = await inRootSpan(() => transaction((run) => enqueueEvent(run, relayed.event, { sequence: 4 }, target)));
    const [row] = (await pool.query('SELECT trace_context FROM outbox')).rows as { trace_context: { traceparent: string } }[];
    expect(row?.trace_context.traceparent).toBe(`00-${root.traceId}-${root.spanId}-01`);
    // The relay runs later, outside any request: here in a trace of its own.
    const relay = new OutboxRelay(transaction, bus.publisher, { pollIntervalMs: 100, batchSize: 10, logger: log.logger });
    await tracer.startActiveSpan('unrelated', async (span) => {
      relay.start();
      span.end();
    });
    await waitFor(() => spans(`${relayed.queue.name} process`).length === 1, 5_000, 'the relayed event consumed');
    await relay.stop();

    const publish = only(`${relayed.event.routingKey} publish`);
    expectChild(publish, root);
    expectChild(only(`${relayed.queue.name} process`), publish.spanContext());
  });
});
