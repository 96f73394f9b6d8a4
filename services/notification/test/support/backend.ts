import { randomBytes, randomUUID } from 'node:crypto';
import { BrokerConnection, EventPublisher, queues, RpcClient } from '@docpipe/events';
import { DocumentProgressed, DocumentUploaded, GetTimeline, objectKeys, RegisterDocument } from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, startServiceProcess, type ServiceProcess } from '@docpipe/stack';

/**
 * The real metadata service (a child process) on a vhost and database of its own, and the pipeline's side:
 * registers documents as the gateway does and publishes their document.* events as the workers do.
 */
export interface Backend {
  rabbitmqUrl: string;
  metadata: ServiceProcess;
  registerDocument(tenantId: string): Promise<string>;
  /** Publishes the next event of a document's life: uploaded first, then extraction progress. */
  advance(tenantId: string, documentId: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  const [vhost, database] = await Promise.all([isolatedVhost('notification'), isolatedDatabase('notification')]);
  const metadata = await startServiceProcess('metadata', {
    ...process.env,
    RABBITMQ_URL: vhost.url,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger({ service: 'notification-test-pipeline', level: 'silent' });
  const connection = new BrokerConnection({ url: vhost.url, connectionName: 'notification-test-pipeline', logger });
  const publisher = new EventPublisher(connection, { confirmTimeoutMs: 10_000, topology: [queues.trackStatus], logger });
  const rpc = new RpcClient(connection, { timeoutMs: 10_000, logger });
  await publisher.start();
  await rpc.start();
  connection.start();
  await connection.whenConnected();

  const published = new Map<string, number>();
  return {
    rabbitmqUrl: vhost.url,
    metadata,
    async registerDocument(tenantId) {
      const documentId = randomUUID();
      const sha256 = randomBytes(32).toString('hex');
      const upload = { fileName: 'report.pdf', sizeBytes: 2048, sha256 };
      await rpc.call(RegisterDocument, { tenantId, documentId, ...upload, stagingKey: objectKeys.staging(tenantId, randomUUID()) });
      // Ingestion stores the original and announces it.
      const objectKey = objectKeys.original(tenantId, documentId);
      await publisher.publish(DocumentUploaded, { ...upload, objectKey, mediaType: 'application/pdf', tags: [] }, { tenantId, documentId });
      return documentId;
    },
    async advance(tenantId, documentId) {
      const count = published.get(documentId) ?? 0;
      published.set(documentId, count + 1);
      const target = { tenantId, documentId };
      if (count === 0) {
        // The first step is the document.uploaded published at registration, as ingestion would.
        for (let tries = 0; (await rpc.call(GetTimeline, target)).entries.length === 0; tries++) {
          if (tries > 100) throw new Error(`document.uploaded of ${documentId} never reached its timeline`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return;
      }
      await publisher.publish(DocumentProgressed, { stage: 'extraction', status: 'progress', attempt: 1, done: count, total: 100 }, target);
    },
    async stop() {
      await connection.close();
      await metadata.stop();
      await Promise.all([vhost.remove(), database.drop()]);
    },
  };
}

export const newTenant = (label: string): string => `${label}-${randomBytes(6).toString('hex')}`;
