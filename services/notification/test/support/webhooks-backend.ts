import { randomBytes, randomUUID } from 'node:crypto';
import { BrokerConnection, EventPublisher, allQueues, RpcClient } from '@docpipe/events';
import {
  DocumentIndexed,
  ListWebhookDeliveries,
  ListWebhooks,
  RegisterWebhook,
  type EventContract,
  type PayloadOf,
  type WebhookDeliveryView,
  type WebhookEventType,
  type WebhookView,
} from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import {
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';

/** What the webhook suites need around the notification service: metadata (a process) and the pipeline's side. */
export interface WebhooksBackend {
  rabbitmqUrl: string;
  vhost: IsolatedVhost;
  metadata: ServiceProcess;
  rpc: RpcClient;
  register(tenantId: string, url: string, eventTypes: WebhookEventType[]): Promise<WebhookView & { secret: string }>;
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, target: { tenantId: string; documentId: string }): Promise<string>;
  indexed(tenantId: string, documentId: string): Promise<string>;
  deliveries(tenantId: string, endpointId: string): Promise<WebhookDeliveryView[]>;
  endpoint(tenantId: string, endpointId: string): Promise<WebhookView | undefined>;
  stop(): Promise<void>;
}

export async function startWebhooksBackend(env: NodeJS.ProcessEnv = process.env, vhost?: IsolatedVhost): Promise<WebhooksBackend> {
  const database: IsolatedDatabase = await isolatedDatabase('webhooks', env);
  const ownVhost = vhost ?? (await isolatedVhost('webhooks', env));
  const metadata = await startServiceProcess('metadata', {
    ...env,
    RABBITMQ_URL: ownVhost.url,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger({ service: 'webhooks-test-pipeline', level: 'silent' });
  const connection = new BrokerConnection({ url: ownVhost.url, connectionName: 'webhooks-test-pipeline', logger });
  const publisher = new EventPublisher(connection, { confirmTimeoutMs: 60_000, topology: allQueues, logger });
  const rpc = new RpcClient(connection, { timeoutMs: 20_000, logger });
  await publisher.start();
  await rpc.start();
  connection.start();
  await connection.whenConnected();

  const backend: WebhooksBackend = {
    rabbitmqUrl: ownVhost.url,
    vhost: ownVhost,
    metadata,
    rpc,
    async register(tenantId, url, eventTypes) {
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const view = await rpc.call(RegisterWebhook, {
        endpointId: randomUUID(),
        tenantId,
        url,
        eventTypes,
        description: 'test',
        secret,
        createdBy: 'test',
      });
      return { ...view, secret };
    },
    async publish(contract, payload, target) {
      return (await publisher.publish(contract, payload, target)).id;
    },
    indexed: (tenantId, documentId) =>
      backend.publish(
        DocumentIndexed,
        { chunks: 3, indexName: 'chunks', embedder: { name: 'test', version: '1' } },
        { tenantId, documentId },
      ),
    async deliveries(tenantId, endpointId) {
      return (await rpc.call(ListWebhookDeliveries, { tenantId, endpointId, limit: 200 })).items;
    },
    async endpoint(tenantId, endpointId) {
      return (await rpc.call(ListWebhooks, { tenantId })).items.find((item) => item.endpointId === endpointId);
    },
    async stop() {
      await connection.close();
      await metadata.stop();
      await Promise.all([vhost ? undefined : ownVhost.remove(), database.drop()]);
    },
  };
  return backend;
}

export const newTenant = (label: string): string => `${label}-${randomBytes(6).toString('hex')}`;
