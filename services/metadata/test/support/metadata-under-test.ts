import type { INestApplication } from '@nestjs/common';
import { BrokerConnection, EventPublisher, queues, RpcClient } from '@docpipe/events';
import {
  type Envelope,
  type EventContract,
  type PayloadOf,
  type RequestContract,
  type RequestOf,
  type ResponseOf,
} from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost } from '@docpipe/stack';
import { configSchema } from '../../src/config';
import { MetadataModule } from '../../src/metadata.module';

/** The gateway's side of the conversation: publishes events and asks questions over RabbitMQ only. */
export interface Caller {
  publish<C extends EventContract>(
    contract: C,
    payload: PayloadOf<C>,
    target: { tenantId: string; documentId: string },
  ): Promise<Envelope<C>>;
  /** Publishes an envelope exactly as given: the same id twice is a duplicate delivery. */
  republish(envelope: Envelope, contract: EventContract): Promise<void>;
  call<C extends RequestContract>(contract: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

export interface MetadataUnderTest {
  app: INestApplication;
  caller: Caller;
  databaseUrl: string;
  /** The vhost the service and the caller share, for listeners of what the service publishes. */
  rabbitmqUrl: string;
  stop(): Promise<void>;
}

/** What the service's /metrics asks for in these tests (METRICS_TOKEN). */
export const METRICS_TOKEN = 'metadata-test-metrics-token';

/** The real metadata service on its own database and vhost, with a caller on the same vhost; `settings` add to its env. */
export async function startMetadata(settings: Record<string, string> = {}): Promise<MetadataUnderTest> {
  const [database, vhost] = await Promise.all([isolatedDatabase('metadata'), isolatedVhost('metadata')]);
  const config = loadConfig(configSchema, {
    ...process.env,
    PORT: '0',
    DATABASE_URL: database.url,
    RABBITMQ_URL: vhost.url,
    ...settings,
  });
  const app = await startService({
    name: 'metadata',
    port: 0,
    metricsToken: METRICS_TOKEN,
    logLevel: 'silent',
    module: (logger) => MetadataModule.register(config, logger),
  });
  await app.get(BrokerConnection).whenConnected();

  const logger = createLogger({ service: 'metadata-test', level: 'silent' });
  const connection = new BrokerConnection({ url: vhost.url, connectionName: 'metadata-test-caller', logger });
  const publisher = new EventPublisher(connection, {
    confirmTimeoutMs: 10_000,
    topology: [queues.trackStatus],
    logger,
  });
  const rpc = new RpcClient(connection, { timeoutMs: 10_000, logger });
  await publisher.start();
  await rpc.start();
  connection.start();
  await connection.whenConnected();

  return {
    app,
    databaseUrl: database.url,
    rabbitmqUrl: vhost.url,
    caller: {
      publish: (contract, payload, target) => publisher.publish(contract, payload, target),
      republish: (envelope, contract) => publisher.publishEnvelope(envelope, contract.routingKey),
      call: (contract, request) => rpc.call(contract, request),
    },
    async stop() {
      await connection.close();
      await app.close();
      await Promise.all([database.drop(), vhost.remove()]);
    },
  };
}

/** Retries an assertion until it passes: events are applied asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
