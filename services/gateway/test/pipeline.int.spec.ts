import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';
import type { INestApplication } from '@nestjs/common';
import { DocumentDeleted, DocumentUploaded, type EventContract, type PayloadOf } from '@docpipe/contracts';
import { createEnvelope, EVENTS_EXCHANGE } from '@docpipe/events';
import { loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { waitFor } from '@docpipe/testing';
import { QueueHistory } from '../src/admin/queue-history';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';

/** The pipeline page's read model: the gateway alone on its own vhost, sampling every queue each second. */
describe('the gateway’s pipeline view', () => {
  const tenant = `gw-pipeline-${randomBytes(3).toString('hex')}`;
  const tenantKey = `tenant-${randomBytes(8).toString('hex')}`;
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let url: string;
  let broker: ChannelModel;

  beforeAll(async () => {
    vhost = await isolatedVhost('gw-pipeline');
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${tenantKey}`,
      ADMIN_API_KEYS: `ops:${adminKey}`,
      REQUEST_TIMEOUT_MS: '300',
      RABBITMQ_CONSOLE_URL: 'http://rabbit.example:15672',
      QUEUE_SAMPLE_SECONDS: '1',
    });
    app = await startService({ name: 'gateway', port: 0, logLevel: 'silent', module: (logger) => GatewayModule.register(config, logger) });
    url = await app.getUrl();
    await fetchReadiness(url);
    broker = await connect(vhost.url);
  });

  afterAll(async () => {
    await broker?.close();
    await app?.close();
    await vhost?.remove();
  });

  const pipeline = async (key: string) => fetch(`${url}/api/v1/admin/pipeline`, { headers: { 'x-api-key': key } });
  const history = () => app.get(QueueHistory);
  const arrivedIn = (queue: string) =>
    history()
      .of(queue)
      .reduce((sum, sample) => sum + sample.arrived, 0);

  /** Publishes as a service does: on the events exchange, with the contract's routing key. */
  const publish = async <C extends EventContract>(contract: C, payload: PayloadOf<C>) => {
    const channel = await broker.createConfirmChannel();
    const origin = { correlationId: randomUUID(), causationId: null, tenantId: tenant, documentId: randomUUID() };
    const envelope = createEnvelope(contract, payload, origin);
    channel.publish(EVENTS_EXCHANGE, contract.routingKey, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      messageId: envelope.id,
    });
    await channel.waitForConfirms();
    await channel.close();
  };

  it('shows the pipeline’s queues with what waits, who reads and what died, to admins only', async () => {
    const channel = await broker.createConfirmChannel();
    channel.sendToQueue('indexing.index-document.dlq', Buffer.from('{}'), { persistent: true, messageId: randomUUID() });
    await channel.waitForConfirms();

    // Wait for a sample that saw the dead letter.
    await waitFor(
      async () =>
        history()
          .of('indexing.index-document')
          .find((sample) => sample.deadLetters === 1),
      'a sample with the dead letter',
    );

    expect((await pipeline(tenantKey)).status).toBe(403);
    const response = await pipeline(adminKey);
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      queues: Array<Record<string, unknown>>;
      consoleUrl: string | null;
      searchIndex: unknown;
      searchIndexError: string | null;
    };
    expect(view.consoleUrl).toBe('http://rabbit.example:15672');
    // No indexing runs here: the queues still answer, with the reason the search index is not shown.
    expect(view.searchIndex).toBeNull();
    expect(view.searchIndexError).toMatch(/^indexing did not answer: /);
    expect(view.queues.find((queue) => queue.queue === 'indexing.index-document')).toEqual({
      queue: 'indexing.index-document',
      service: 'indexing',
      description: expect.stringContaining('Chunks and embeds'),
      messages: 0,
      consumers: 0,
      deadLetters: 1,
      history: expect.arrayContaining([{ at: expect.any(String), messages: 0, deadLetters: 1, arrived: 0 }]),
    });
    expect(view.queues.map((queue) => queue.queue)).toEqual(
      expect.arrayContaining(['extraction.extract-text', 'classification.classify-document']),
    );
    await channel.purgeQueue('indexing.index-document.dlq');
    await channel.close();
  });

  it('counts what arrived in each queue over the last hour: every queue an event is routed to, and no other', async () => {
    const uploaded = {
      objectKey: 'originals/x',
      sha256: 'a'.repeat(64),
      sizeBytes: 1,
      mediaType: 'text/plain',
      fileName: 'x.txt',
      tags: [],
    };
    for (let i = 0; i < 3; i += 1) await publish(DocumentUploaded, uploaded);
    await publish(DocumentDeleted, { objectKey: 'originals/x' });

    // As the catalogue binds them: extraction takes document.uploaded, ingestion's clean-up document.deleted, and
    // metadata and the webhooks' fan-out take both; classification takes neither.
    await waitFor(async () => arrivedIn('metadata.track-status') === 4 || undefined, 'samples with the four events');
    expect(arrivedIn('notification.fan-out-webhooks')).toBe(4);
    expect(arrivedIn('extraction.extract-text')).toBe(3);
    expect(arrivedIn('ingestion.remove-original')).toBe(1);
    expect(arrivedIn('classification.classify-document')).toBe(0);

    // The same samples reach the page, the 3 arrivals in the waiting queue's samples too (nothing consumes it here).
    const view = (await (await pipeline(adminKey)).json()) as {
      queues: Array<{ queue: string; messages: number; history: Array<{ arrived: number }> }>;
    };
    const extraction = view.queues.find((queue) => queue.queue === 'extraction.extract-text')!;
    expect(extraction.history.reduce((sum, sample) => sum + sample.arrived, 0)).toBe(3);
    expect(extraction.messages).toBe(3);
  });
});
