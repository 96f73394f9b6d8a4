import { NonRetryableError } from '@docpipe/platform';
import { Registry } from 'prom-client';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { QueueConsumer } from '../src/consumer';
import { DeadLetters } from '../src/dead-letters';
import { EventMetrics } from '../src/metrics';
import { registerQueueDepthGauges } from '../src/queue-depth-gauges';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { testChannel } from './support/test-event';

const { event: Job, queue: jobs } = testChannel('dead-letters');

describe('dead letters', () => {
  let vhost: IsolatedVhost;
  let bus: Bus;
  let consumer: QueueConsumer<typeof Job>;
  let deadLetters: DeadLetters;
  const registry = new Registry();
  const handled: number[] = [];
  let poisoned = true;

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    const { logger } = capturingLogger();
    const metrics = new EventMetrics(registry);
    bus = await openBus(vhost.url, [jobs], logger);
    consumer = new QueueConsumer(
      bus.connection,
      jobs,
      async (event) => {
        if (poisoned) throw new NonRetryableError('poison_job', `job ${event.payload.sequence} cannot be done`);
        handled.push(event.payload.sequence);
      },
      { prefetch: 5, publisher: bus.publisher, logger, metrics },
    );
    await consumer.start();
    deadLetters = new DeadLetters(bus.connection, bus.publisher, [jobs], logger);
    registerQueueDepthGauges(registry, deadLetters);
  });

  afterAll(async () => {
    await consumer.stop();
    await bus.close();
    await vhost.remove();
  });

  const dlqSize = async () => (await deadLetters.peek(jobs.name, 0)).count;

  it('lists what failed, with its error, attempts and failure times, and peeking twice loses nothing', async () => {
    const sent = await Promise.all(
      [1, 2, 3].map((sequence) => bus.publisher.publish(Job, { sequence }, { tenantId: 'dlq-t', documentId: `d${sequence}` })),
    );
    await waitFor(async () => (await dlqSize()) === 3, 10_000, 'three dead letters');

    const first = await deadLetters.peek(jobs.name, 10);
    const second = await deadLetters.peek(jobs.name, 10);
    expect(first).toMatchObject({ queue: jobs.name, deadLetterQueue: `${jobs.name}.dlq`, count: 3 });
    expect(second.count).toBe(3);
    for (const report of [first, second]) {
      expect(report.messages.map((message) => message.messageId).sort()).toEqual(sent.map((envelope) => envelope.id).sort());
    }
    const letter = first.messages.find((message) => message.messageId === sent[0].id)!;
    expect(letter).toMatchObject({
      type: Job.type,
      tenantId: 'dlq-t',
      documentId: 'd1',
      originalRoutingKey: Job.routingKey,
      errorCode: 'poison_job',
      errorMessage: 'job 1 cannot be done',
      attempts: 1,
    });
    expect(Date.parse(letter.firstFailureAt!)).toBeLessThanOrEqual(Date.parse(letter.lastFailureAt!));
    expect((await deadLetters.peek(jobs.name, 1)).messages).toHaveLength(1);
    // The peeked message goes back when its channel closes, which the broker may count a moment later.
    await waitFor(async () => (await dlqSize()) === 3, 5_000, 'the peeked message back in the DLQ');
    const metrics = await registry.metrics();
    expect(metrics).toContain(`dead_letter_messages{queue="${jobs.name}"} 3`);
    expect(metrics).toContain(`queue_messages{queue="${jobs.name}"} 0`);
  });

  it('redrives one message by id, then all the others, to their queue only, as first attempts', async () => {
    poisoned = false;
    const [chosen] = (await deadLetters.peek(jobs.name, 10)).messages;
    expect(await deadLetters.redrive(jobs.name, [chosen!.messageId!])).toEqual({ queue: jobs.name, redriven: 1, remaining: 2 });
    await waitFor(() => handled.length === 1, 10_000, 'the redriven message handled');
    // The two not asked for were requeued as the redrive's channel closed; the broker may count them a moment later.
    await waitFor(async () => (await dlqSize()) === 2, 5_000, 'the other two back in the DLQ');

    expect(await deadLetters.redrive(jobs.name)).toEqual({ queue: jobs.name, redriven: 2, remaining: 0 });
    await waitFor(() => handled.length === 3, 10_000, 'all redriven messages handled');
    expect(handled.sort()).toEqual([1, 2, 3]);
    expect(await dlqSize()).toBe(0);
  });

  it('refuses an unknown queue with the list of known ones', async () => {
    await expect(deadLetters.redrive('nope.queue')).rejects.toMatchObject({
      code: 'queue_not_found',
      message: expect.stringContaining(jobs.name),
    });
  });

  it('counts published and consumed events by outcome, and handler durations per queue', async () => {
    // An outcome is counted once the handler returned and the message was settled, a moment after `handled` grew.
    const complete = `event_handler_duration_seconds_count{queue="${jobs.name}"} 6`;
    await waitFor(async () => (await registry.metrics()).includes(complete), 5_000, 'the last outcome counted');
    const text = await registry.metrics();
    expect(text).toContain(`events_consumed_total{queue="${jobs.name}",type="${Job.type}",outcome="dead_lettered"} 3`);
    expect(text).toContain(`events_consumed_total{queue="${jobs.name}",type="${Job.type}",outcome="handled"} 3`);
    expect(text).toContain(`event_handler_duration_seconds_count{queue="${jobs.name}"} 6`);
  });
});
