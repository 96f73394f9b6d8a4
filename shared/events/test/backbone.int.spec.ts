import { randomUUID } from 'node:crypto';
import { connect, type GetMessage } from 'amqplib';
import { runInContext, NonRetryableError } from '@docpipe/platform';
import type { Envelope } from '@docpipe/contracts';
import { deadLetterQueueOf, EVENTS_EXCHANGE } from '../src/topology';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { testChannel } from './support/test-event';

const target = { tenantId: 'tenant-a', documentId: 'doc-1' };

async function readDeadLetters(url: string, queue: string): Promise<GetMessage[]> {
  const connection = await connect(url);
  const channel = await connection.createChannel();
  const messages: GetMessage[] = [];
  for (let message = await channel.get(queue); message; message = await channel.get(queue)) messages.push(message);
  await connection.close();
  return messages;
}

describe('event backbone on a real RabbitMQ', () => {
  let vhost: IsolatedVhost;
  let bus: Bus;
  const log = capturingLogger();
  const happy = testChannel('happy');
  const flaky = testChannel('flaky');
  const broken = testChannel('broken');
  const permanent = testChannel('permanent');

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    bus = await openBus(vhost.url, [happy.queue, flaky.queue, broken.queue, permanent.queue], log.logger);
  });

  afterAll(async () => {
    await bus.close();
    await vhost.remove();
  });

  it('delivers a published event to its consumer, validated and with its correlation', async () => {
    const received: Envelope<typeof happy.event>[] = [];
    await bus.consume(happy.queue, async (event) => {
      received.push(event);
    });
    const sent = await runInContext({ correlationId: 'corr-happy-1' }, () => bus.publisher.publish(happy.event, { sequence: 1 }, target));

    await waitFor(() => received.length === 1, 5_000, 'the event');
    expect(received[0]).toMatchObject({
      id: sent.id,
      type: 'test.happy',
      version: 1,
      correlationId: 'corr-happy-1',
      tenantId: 'tenant-a',
      documentId: 'doc-1',
      payload: { sequence: 1 },
    });
  });

  it('retries a failing handler with growing delays, then dead-letters it with the error', async () => {
    const attempts: { attempt: number; at: number }[] = [];
    await bus.consume(flaky.queue, async (_event, delivery) => {
      attempts.push({ attempt: delivery.attempt, at: Date.now() });
      throw new Error('extractor timed out');
    });
    await bus.publisher.publish(flaky.event, { sequence: 2 }, target);

    await waitFor(() => attempts.length === 3, 10_000, 'three attempts');
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const firstWait = attempts[1].at - attempts[0].at;
    const secondWait = attempts[2].at - attempts[1].at;
    expect(firstWait).toBeGreaterThanOrEqual(300);
    expect(secondWait).toBeGreaterThanOrEqual(600);

    let dead: GetMessage[] = [];
    await waitFor(
      async () => (dead = await readDeadLetters(vhost.url, deadLetterQueueOf(flaky.queue.name))).length > 0,
      5_000,
      'the dead letter',
    );
    expect(dead).toHaveLength(1);
    expect(dead[0].properties.headers).toMatchObject({
      'x-attempt': 3,
      'x-error-code': 'handler_error',
      'x-error-message': 'extractor timed out',
      'x-original-routing-key': 'test.flaky.v1',
    });
    expect(attempts).toHaveLength(3);
  });

  it('sends an invalid message to the dead-letter queue with the reason and keeps consuming', async () => {
    const received: number[] = [];
    await bus.consume(broken.queue, async (event) => {
      received.push(event.payload.sequence);
    });
    const valid = await bus.publisher.publish(broken.event, { sequence: 3 }, target);
    await waitFor(() => received.length === 1, 5_000, 'the valid event');
    const wrongPayload = { ...valid, id: randomUUID(), payload: { sequence: 'three' } } as unknown as Envelope;
    await bus.publisher.publishEnvelope(wrongPayload, broken.event.routingKey);
    await bus.publisher.send(EVENTS_EXCHANGE, broken.event.routingKey, Buffer.from('not json'), {});
    await bus.publisher.publish(broken.event, { sequence: 4 }, target);

    await waitFor(() => received.length === 2, 5_000, 'the next valid event');
    let dead: GetMessage[] = [];
    await waitFor(
      async () => (dead = dead.concat(await readDeadLetters(vhost.url, deadLetterQueueOf(broken.queue.name)))).length === 2,
      5_000,
      'two dead letters',
    );
    const reasons = dead.map((message) => String(message.properties.headers?.['x-error-message']));
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringContaining('Invalid test.broken v1 payload: sequence'), 'The message body is not JSON']),
    );
    expect(dead.every((message) => message.properties.headers?.['x-error-code'] === 'invalid_message')).toBe(true);
    expect(received).toEqual([3, 4]);
  });

  it('dead-letters at once when the handler says retrying cannot help', async () => {
    const attempts: number[] = [];
    await bus.consume(permanent.queue, async (_event, delivery) => {
      attempts.push(delivery.attempt);
      throw new NonRetryableError('corrupt_file', 'The PDF has no readable xref table');
    });
    await bus.publisher.publish(permanent.event, { sequence: 5 }, target);

    let dead: GetMessage[] = [];
    await waitFor(
      async () => (dead = await readDeadLetters(vhost.url, deadLetterQueueOf(permanent.queue.name))).length > 0,
      5_000,
      'the dead letter',
    );
    expect(attempts).toEqual([1]);
    expect(dead[0].properties.headers).toMatchObject({ 'x-attempt': 1, 'x-error-code': 'corrupt_file' });
  });

  it('rejects a publish that no queue would receive instead of dropping it', async () => {
    await expect(bus.publisher.send(EVENTS_EXCHANGE, 'nobody.listens.v1', Buffer.from('{}'), {})).rejects.toMatchObject({
      code: 'unroutable',
    });
  });

  it('confirms each of several publishes that share a message id, as a retry of an unconfirmed event does', async () => {
    const messageId = randomUUID();
    const publishes = [1, 2, 3].map((sequence) =>
      bus.publisher.send(EVENTS_EXCHANGE, broken.event.routingKey, Buffer.from(JSON.stringify({ sequence })), { messageId }),
    );
    await expect(Promise.all(publishes)).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('writes the correlation id into the consumer’s log lines', async () => {
    const lines = log.lines().filter((line) => line.msg === 'handled event' && line.correlationId === 'corr-happy-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'test', tenantId: 'tenant-a', documentId: 'doc-1', queue: 'test.happy' });
  });
});

describe('publishing while RabbitMQ is unreachable', () => {
  const happy = testChannel('unreachable');
  it('rejects with a clear error after the confirm timeout instead of dropping the event', async () => {
    const { logger } = capturingLogger();
    const { BrokerConnection } = await import('../src/connection');
    const { EventPublisher } = await import('../src/publisher');
    const connection = new BrokerConnection({ url: 'amqp://guest:guest@127.0.0.1:1', connectionName: 'down', logger });
    const publisher = new EventPublisher(connection, { confirmTimeoutMs: 500, topology: [], logger });
    await publisher.start();
    connection.start();
    await expect(publisher.publish(happy.event, { sequence: 1 }, target)).rejects.toMatchObject({
      code: 'publish_timeout',
      message: expect.stringContaining('RabbitMQ is unreachable'),
    });
    await connection.close();
  });
});
