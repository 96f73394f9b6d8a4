import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRabbitMq, type RabbitMqServer } from '@docpipe/stack';
import { startWebhookReceiver, waitFor, type WebhookReceiver } from '@docpipe/testing';
import { WebhookEndpoints } from '../src/webhooks/webhook-endpoints';
import { startNotification, type RunningNotification } from './support/in-process';
import { newTenant, startWebhooksBackend, type WebhooksBackend } from './support/webhooks-backend';

const EVENTS = 30;

// This suite owns its broker: restarting the shared test broker would disturb the other suites.
describe('webhook deliveries across a RabbitMQ restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'docpipe-webhooks-restart-'));
  let rabbit: RabbitMqServer;
  let backend: WebhooksBackend;
  let notification: RunningNotification;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    rabbit = await startRabbitMq({ dataDir });
    backend = await startWebhooksBackend({ ...process.env, RABBITMQ_URL: rabbit.url, RABBITMQ_MANAGEMENT_URL: rabbit.managementUrl });
    receiver = await startWebhookReceiver();
    notification = await startNotification({
      RABBITMQ_URL: backend.rabbitmqUrl,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      WEBHOOK_MAX_ATTEMPTS: '20',
      WEBHOOK_RETRY_INITIAL_MS: '100',
    });
  }, 120_000);

  afterAll(async () => {
    await notification?.app.close();
    await receiver?.close();
    await backend?.stop();
    await rabbit?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('delivers every event at least once while deliveries were being retried during the restart', async () => {
    const tenantId = newTenant('restart');
    const endpoint = await backend.register(tenantId, receiver.url('/restart'), ['document.indexed']);
    const known = notification.app.get(WebhookEndpoints);
    await waitFor(async () => (known.get(endpoint.endpointId) ? true : undefined), 'the worker to know the endpoint');
    let failing = true;
    receiver.answer(() => (failing ? 503 : 204));

    const documents = Array.from({ length: 10 }, () => randomUUID());
    const sent: string[] = [];
    for (let index = 0; index < EVENTS; index += 1) sent.push(await backend.indexed(tenantId, documents[index % documents.length]!));
    await waitFor(async () => (receiver.received.length >= documents.length ? true : undefined), 'the first tries to fail');

    await rabbit.restart();
    failing = false;

    const delivered = () => new Set(receiver.received.filter((request) => request.status === 204).map((request) => request.body.id));
    await waitFor(async () => (delivered().size === EVENTS ? true : undefined), `all ${EVENTS} events delivered`, 120_000);
    expect([...delivered()].sort()).toEqual([...sent].sort());
  }, 240_000);
});
