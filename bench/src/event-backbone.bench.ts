import { randomBytes } from 'node:crypto';
import { connect, type ConfirmChannel } from 'amqplib';
import { z } from 'zod';
import { createLogger } from '@docpipe/platform';
import { BrokerConnection, defineQueue, EventPublisher, QueueConsumer, queueArguments } from '@docpipe/events';
import { defineEvent } from '@docpipe/contracts';
import type { Recorder } from './report';
import { elapsedMs, latencies, perSecond, type Latencies } from './stats';

export interface BackboneOptions {
  rabbitmqUrl: string;
  messages: number;
  /** Publishes awaiting their confirm at once, for both sides. */
  inFlight: number;
  /** Consumer prefetch, for both sides (16 is what services get by default). */
  prefetch: number;
}

interface Run {
  messages: number;
  elapsedMs: number;
  /** publish→consume ms of each message. */
  samples: number[];
  /** CPU time of this process (publisher and consumer) over the run, µs. */
  cpuUs: number;
}

// Each side runs in turns, alternating which goes first, so a change in the machine's other load hits both alike.
const ROUNDS = 4;

const benchEvent = defineEvent({
  type: 'bench.pinged',
  version: 1,
  description: 'Benchmark message: 1 KB of filler and the send time.',
  payload: z.object({ sentAt: z.number(), filler: z.string() }),
});
const FILLER = 'x'.repeat(1024);
const RAW_TOPIC_EXCHANGE = 'bench.raw-topic';

/** Messages/s and publish→consume latency through @docpipe/events vs raw amqplib with the same guarantees. */
export async function benchEventBackbone(options: BackboneOptions, recorder: Recorder): Promise<void> {
  const loaded = await inTurns(options);
  // One message at a time: the latency of the path itself, without queueing behind a full window.
  const single = { ...options, messages: Math.min(options.messages, 300), inFlight: 1 };
  const idle = await inTurns(single);
  const section = `3. event backbone (${options.messages} × 1 KB, ${options.inFlight} in flight, prefetch ${options.prefetch})`;
  const raw = (value: number) => ({ name: 'raw amqplib', value });
  recorder.add({
    section,
    name: 'messages/s',
    unit: 'msg/s',
    value: loaded.ours.perSecond,
    baseline: raw(loaded.baseline.perSecond),
    better: 'higher',
  });
  recorder.add({
    section,
    name: 'messages/s, both through a topic exchange',
    unit: 'msg/s',
    value: loaded.ours.perSecond,
    baseline: { name: 'raw amqplib via a topic exchange', value: loaded.viaTopic.perSecond },
    better: 'higher',
  });
  // On 2 cores the broker and the client share the CPUs: what the client spends per message is taken from the broker.
  recorder.add({
    section,
    name: 'client CPU per message (publish and consume)',
    unit: 'µs',
    value: loaded.ours.cpuUsPerMessage,
    baseline: raw(loaded.baseline.cpuUsPerMessage),
    better: 'lower',
  });
  recorder.add({
    section,
    name: 'publish→consume p50 under load',
    unit: 'ms',
    value: loaded.ours.latency.p50,
    baseline: raw(loaded.baseline.latency.p50),
    better: 'lower',
  });
  recorder.add({
    section,
    name: 'publish→consume p99 under load',
    unit: 'ms',
    value: loaded.ours.latency.p99,
    baseline: raw(loaded.baseline.latency.p99),
    better: 'lower',
  });
  const idleSection = `3. event backbone (${single.messages} × 1 KB, one at a time)`;
  recorder.add({
    section: idleSection,
    name: 'publish→consume p50',
    unit: 'ms',
    value: idle.ours.latency.p50,
    baseline: raw(idle.baseline.latency.p50),
    better: 'lower',
  });
  recorder.add({
    section: idleSection,
    name: 'publish→consume p99',
    unit: 'ms',
    value: idle.ours.latency.p99,
    baseline: raw(idle.baseline.latency.p99),
    better: 'lower',
  });
}

/** Both sides over ROUNDS turns of messages/ROUNDS each: messages/s over their summed time, latency over all samples. */
async function inTurns(options: BackboneOptions): Promise<{ baseline: Measured; viaTopic: Measured; ours: Measured }> {
  const runs = { baseline: [] as Run[], viaTopic: [] as Run[], ours: [] as Run[] };
  const turn = { ...options, messages: Math.ceil(options.messages / ROUNDS) };
  for (let round = 0; round < ROUNDS; round++) {
    const sides = [
      async () => runs.baseline.push(await rawAmqplib(turn, 'queue')),
      async () => runs.viaTopic.push(await rawAmqplib(turn, 'topic')),
      async () => runs.ours.push(await throughEvents(turn)),
    ];
    for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
  }
  const measured = (side: Run[]): Measured => ({
    perSecond: perSecond(
      side.reduce((sum, run) => sum + run.messages, 0),
      side.reduce((sum, run) => sum + run.elapsedMs, 0),
    ),
    latency: latencies(side.flatMap((run) => run.samples)),
    cpuUsPerMessage: side.reduce((sum, run) => sum + run.cpuUs, 0) / side.reduce((sum, run) => sum + run.messages, 0),
  });
  return { baseline: measured(runs.baseline), viaTopic: measured(runs.viaTopic), ours: measured(runs.ours) };
}

interface Measured {
  perSecond: number;
  latency: Latencies;
  cpuUsPerMessage: number;
}

async function throughEvents(options: BackboneOptions): Promise<Run> {
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const queue = defineQueue({
    service: 'bench',
    purpose: `events-${randomBytes(4).toString('hex')}`,
    description: 'benchmark queue',
    events: [benchEvent],
  });
  const connection = new BrokerConnection({ url: options.rabbitmqUrl, connectionName: 'bench-events', logger });
  const publisher = new EventPublisher(connection, { confirmTimeoutMs: 60_000, topology: [queue], logger });
  const samples: number[] = [];
  let done!: () => void;
  const allConsumed = new Promise<void>((resolve) => (done = resolve));
  const consumer = new QueueConsumer(
    connection,
    queue,
    async (event) => {
      samples.push(performance.now() - event.payload.sentAt);
      if (samples.length === options.messages) done();
    },
    { prefetch: options.prefetch, publisher, logger },
  );
  await publisher.start();
  await consumer.start();
  connection.start();
  await connection.whenConnected();
  try {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await inWindows(options.messages, options.inFlight, async () => {
      await publisher.publish(benchEvent, { sentAt: performance.now(), filler: FILLER }, { tenantId: 'bench', documentId: 'bench' });
    });
    await allConsumed;
    return { messages: options.messages, elapsedMs: elapsedMs(start), samples, cpuUs: cpuSince(cpu) };
  } finally {
    await consumer.stop();
    await connection.close();
    await deleteQueue(options.rabbitmqUrl, queue.name);
  }
}

/** A later turn binds a new queue to the same routing key: an earlier turn's queue must not take copies of its messages. */
async function deleteQueue(rabbitmqUrl: string, name: string): Promise<void> {
  const connection = await connect(rabbitmqUrl);
  try {
    await (await connection.createChannel()).deleteQueue(name);
  } finally {
    await connection.close();
  }
}

/**
 * The least code with the same guarantees: a durable quorum queue with the same arguments as the services' queues
 * (delivery limit, at-least-once dead-lettering, publishes refused when full), persistent mandatory messages,
 * confirms, manual acks. `queue`: straight to the queue, the least work for the broker; `topic`: through a topic
 * exchange bound by the routing key, as the services' events travel (the broker's topic match is part of their cost).
 */
async function rawAmqplib(options: BackboneOptions, route: 'queue' | 'topic'): Promise<Run> {
  // noDelay as @docpipe/events sets it: without it every small frame waits ~40 ms for a delayed ACK.
  const connection = await connect(options.rabbitmqUrl, { noDelay: true });
  const queue = defineQueue({
    service: 'bench',
    purpose: `raw-${randomBytes(4).toString('hex')}`,
    description: 'raw amqplib',
    events: [benchEvent],
  });
  const queueName = queue.name;
  try {
    const publishChannel: ConfirmChannel = await connection.createConfirmChannel();
    const consumeChannel = await connection.createChannel();
    await publishChannel.assertQueue(queueName, { durable: true, arguments: queueArguments(queue) });
    const exchange = route === 'topic' ? RAW_TOPIC_EXCHANGE : '';
    if (route === 'topic') {
      await publishChannel.assertExchange(RAW_TOPIC_EXCHANGE, 'topic', { durable: true });
      await publishChannel.bindQueue(queueName, RAW_TOPIC_EXCHANGE, benchEvent.routingKey);
    }
    const routingKey = route === 'topic' ? benchEvent.routingKey : queueName;
    await consumeChannel.prefetch(options.prefetch);
    const samples: number[] = [];
    let done!: () => void;
    const allConsumed = new Promise<void>((resolve) => (done = resolve));
    await consumeChannel.consume(queueName, (message) => {
      if (!message) return;
      const { sentAt } = JSON.parse(message.content.toString('utf8')) as { sentAt: number };
      samples.push(performance.now() - sentAt);
      consumeChannel.ack(message);
      if (samples.length === options.messages) done();
    });
    const start = performance.now();
    const cpu = process.cpuUsage();
    await inWindows(
      options.messages,
      options.inFlight,
      () =>
        new Promise<void>((resolve, reject) => {
          const body = Buffer.from(JSON.stringify({ sentAt: performance.now(), filler: FILLER }));
          const properties = { persistent: true, mandatory: true, contentType: 'application/json' };
          publishChannel.publish(exchange, routingKey, body, properties, (error) => (error ? reject(error) : resolve()));
        }),
    );
    await allConsumed;
    return { messages: options.messages, elapsedMs: elapsedMs(start), samples, cpuUs: cpuSince(cpu) };
  } finally {
    await connection.close();
    await deleteQueue(options.rabbitmqUrl, queueName);
  }
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return user + system;
}

/** Runs `task` `count` times with at most `width` running at once. */
export async function inWindows(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}
