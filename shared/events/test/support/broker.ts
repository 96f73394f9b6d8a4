import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../../src/connection';
import { EventPublisher } from '../../src/publisher';
import { QueueConsumer, type EventHandler } from '../../src/consumer';
import type { EventContract } from '@docpipe/contracts';
import type { QueueSpec } from '../../src/topology';

/** A logger whose JSON lines the test can read back. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'debug', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

export interface Bus {
  connection: BrokerConnection;
  publisher: EventPublisher;
  consume<C extends EventContract>(queue: QueueSpec<C>, handler: EventHandler<C>, prefetch?: number): Promise<QueueConsumer<C>>;
  close(): Promise<void>;
}

export async function openBus(url: string, topology: readonly QueueSpec[], logger: Logger, confirmTimeoutMs = 10_000): Promise<Bus> {
  const connection = new BrokerConnection({
    url,
    connectionName: 'backbone-test',
    logger,
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  });
  const publisher = new EventPublisher(connection, { confirmTimeoutMs, topology, logger });
  const consumers: QueueConsumer<EventContract>[] = [];
  await publisher.start();
  connection.start();
  await connection.whenConnected();
  return {
    connection,
    publisher,
    async consume(queue, handler, prefetch = 10) {
      const consumer = new QueueConsumer(connection, queue, handler, { prefetch, publisher, logger });
      await consumer.start();
      consumers.push(consumer as unknown as QueueConsumer<EventContract>);
      return consumer;
    },
    async close() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await connection.close();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
