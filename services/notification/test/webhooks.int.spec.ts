import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { DocumentClassified, EnableWebhook, DocumentExtracted, DocumentUploaded, objectKeys, RedeliverWebhook } from '@docpipe/contracts';
import { startWebhookReceiver, verifyDocpipeSignature, waitFor, type WebhookReceiver } from '@docpipe/testing';
import { WebhookEndpoints } from '../src/webhooks/webhook-endpoints';
import { startNotification, type RunningNotification } from './support/in-process';
import { newTenant, startWebhooksBackend, type WebhooksBackend } from './support/webhooks-backend';

/**
 * The delivery worker against a receiver the test runs on loopback (allowed by WEBHOOK_ALLOWED_NETWORKS), with the real
 * metadata service keeping endpoints and the delivery log. Retries are fast here: 3 tries, 50 ms then 200 ms apart.
 */
describe('webhook deliveries', () => {
  let backend: WebhooksBackend;
  let notification: RunningNotification;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    backend = await startWebhooksBackend();
    receiver = await startWebhookReceiver();
    notification = await startNotification({
      RABBITMQ_URL: backend.rabbitmqUrl,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_INITIAL_MS: '50',
      WEBHOOK_DISABLE_AFTER: '2',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
  }, 120_000);

  afterAll(async () => {
    await notification?.app.close();
    await receiver?.close();
    await backend?.stop();
  }, 60_000);

  const known = { get: (endpointId: string) => notification.app.get(WebhookEndpoints).get(endpointId) };

  /** Registers through metadata and waits until the worker heard of it (webhook.registered reaches it a moment later). */
  async function register(...args: Parameters<WebhooksBackend['register']>) {
    const endpoint = await backend.register(...args);
    await waitFor(async () => (known.get(endpoint.endpointId) ? true : undefined), 'the worker to know the endpoint');
    return endpoint;
  }

  const to = (path: string) => receiver.received.filter((request) => request.path === path);

  it('signs each delivery so the README check accepts it, and sends only the subscribed types of the tenant', async () => {
    const tenantId = newTenant('sign');
    const endpoint = await register(tenantId, receiver.url('/sign'), ['document.indexed']);
    const documentId = randomUUID();
    await backend.publish(DocumentClassified, classifiedPayload(), { tenantId, documentId });
    await backend.indexed(newTenant('other'), documentId);
    const eventId = await backend.indexed(tenantId, documentId);

    const [request] = await waitFor(async () => (to('/sign').length > 0 ? to('/sign') : undefined), 'the delivery');
    expect(request!.body).toMatchObject({ id: eventId, type: 'document.indexed', tenantId, documentId });
    expect(request!.headers['docpipe-event']).toBe('document.indexed');
    expect(request!.headers['docpipe-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    const signature = String(request!.headers['docpipe-signature']);
    expect(verifyDocpipeSignature(endpoint.secret, signature, request!.rawBody)).toBe(true);
    expect(verifyDocpipeSignature(endpoint.secret, signature, request!.rawBody.replace(tenantId, 'another'))).toBe(false);
    expect(verifyDocpipeSignature('whsec_not-the-secret-at-all', signature, request!.rawBody)).toBe(false);
    // A timestamp outside the window is refused even with a valid signature: a replay days later fails.
    expect(verifyDocpipeSignature(endpoint.secret, signature, request!.rawBody, -1)).toBe(false);

    await backend.indexed(tenantId, randomUUID());
    await waitFor(async () => (to('/sign').length === 2 ? true : undefined), 'the second delivery');
    expect(to('/sign').map((received) => received.body.type)).toEqual(['document.indexed', 'document.indexed']);
  });

  it('retries after the receiver answers 500, and logs every attempt of the delivery', async () => {
    const tenantId = newTenant('retry');
    const endpoint = await register(tenantId, receiver.url('/retry'), ['document.indexed']);
    let calls = 0;
    receiver.answer((request) => (request.path === '/retry' && calls++ === 0 ? 500 : 204));
    await backend.indexed(tenantId, randomUUID());

    const [delivery] = await waitFor(async () => {
      const deliveries = await backend.deliveries(tenantId, endpoint.endpointId);
      return deliveries[0]?.state === 'delivered' && deliveries[0].attempts.length === 2 ? deliveries : undefined;
    }, 'the delivery to be logged delivered, with both attempts');
    expect(delivery!.attempts.map(({ attempt, statusCode }) => [attempt, statusCode])).toEqual([
      [1, 500],
      [2, 204],
    ]);
    expect(delivery!.attempts[0]!.error).toBe('the receiver answered 500');
    expect(to('/retry').map((request) => request.headers['docpipe-delivery'])).toEqual([delivery!.deliveryId, delivery!.deliveryId]);
    receiver.answer(() => 204);
  });

  it("keeps one document's events in order while an earlier one is retried", async () => {
    const tenantId = newTenant('order');
    await register(tenantId, receiver.url('/order'), [
      'document.uploaded',
      'document.extracted',
      'document.classified',
      'document.indexed',
    ]);
    let failedOnce = false;
    receiver.answer((request) => {
      if (request.path !== '/order' || failedOnce) return 204;
      failedOnce = true;
      return 503;
    });
    const documentId = randomUUID();
    const target = { tenantId, documentId };
    await backend.publish(DocumentUploaded, uploadedPayload(tenantId, documentId), target);
    await backend.publish(DocumentExtracted, extractedPayload(tenantId, documentId), target);
    await backend.publish(DocumentClassified, classifiedPayload(), target);
    await backend.indexed(tenantId, documentId);

    await waitFor(async () => (to('/order').length === 5 ? true : undefined), 'five requests (one retried)');
    expect(to('/order').map((request) => [request.body.type, request.status])).toEqual([
      ['document.uploaded', 503],
      ['document.uploaded', 204],
      ['document.extracted', 204],
      ['document.classified', 204],
      ['document.indexed', 204],
    ]);
    receiver.answer(() => 204);
  });

  it('disables an endpoint after sustained failure with the reason, dead-letters what it gave up, and delivers again once enabled', async () => {
    const tenantId = newTenant('failing');
    const endpoint = await register(tenantId, receiver.url('/down'), ['document.indexed']);
    receiver.answer((request) => (request.path === '/down' ? 500 : 204));
    const before = await deadLetters();
    await backend.indexed(tenantId, randomUUID());
    await backend.indexed(tenantId, randomUUID());

    const disabled = await waitFor(async () => {
      const view = await backend.endpoint(tenantId, endpoint.endpointId);
      return view?.state === 'disabled' ? view : undefined;
    }, 'the endpoint to be disabled');
    expect(disabled.disabled).toMatchObject({ code: 'sustained_failure' });
    expect(disabled.disabled!.reason).toBe('2 deliveries in a row failed 3 tries each; the last: the receiver answered 500');
    expect(to('/down')).toHaveLength(6);
    expect(await deadLetters()).toBe(before + 2);

    // Disabled: a later event is requested for the tenant's other endpoint only (fanned out in registration order).
    const witness = await register(tenantId, receiver.url('/witness'), ['document.indexed']);
    await backend.indexed(tenantId, randomUUID());
    await waitFor(
      async () => ((await backend.deliveries(tenantId, witness.endpointId))[0]?.state === 'delivered' ? true : undefined),
      'the witness',
    );
    expect(await backend.deliveries(tenantId, endpoint.endpointId)).toHaveLength(2);
    expect(to('/down')).toHaveLength(6);

    // Enabled again once the receiver answers: deliveries resume.
    receiver.answer(() => 204);
    const enabled = await backend.rpc.call(EnableWebhook, { tenantId, endpointId: endpoint.endpointId });
    expect(enabled).toMatchObject({ state: 'active', disabled: null });
    await waitFor(async () => (known.get(endpoint.endpointId) ? true : undefined), 'the worker to hear it is enabled');
    await backend.indexed(tenantId, randomUUID());
    await waitFor(async () => (to('/down').some((request) => request.status === 204) ? true : undefined), 'a delivery after enabling');
    receiver.answer(() => 204);
  });

  it('refuses at delivery an endpoint whose address is not public, and disables it with the reason', async () => {
    const tenantId = newTenant('ssrf');
    // Registered behind the gateway's back (it refuses such URLs): the worker checks again before connecting.
    const endpoint = await register(tenantId, 'http://169.254.169.254/latest/meta-data', ['document.indexed']);
    await backend.indexed(tenantId, randomUUID());

    const disabled = await waitFor(async () => {
      const view = await backend.endpoint(tenantId, endpoint.endpointId);
      return view?.state === 'disabled' ? view : undefined;
    }, 'the endpoint to be disabled');
    expect(disabled.disabled).toMatchObject({ code: 'address_refused' });
    expect(disabled.disabled!.reason).toContain('169.254.169.254, which is not a public address');
    const [delivery] = await waitFor(async () => {
      const deliveries = await backend.deliveries(tenantId, endpoint.endpointId);
      return deliveries[0]?.state === 'abandoned' ? deliveries : undefined;
    }, 'the delivery to be logged abandoned');
    expect(delivery!.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: null })]);
  });

  it('redelivers a logged delivery as a new delivery of the same event', async () => {
    const tenantId = newTenant('redeliver');
    const endpoint = await register(tenantId, receiver.url('/again'), ['document.indexed']);
    const eventId = await backend.indexed(tenantId, randomUUID());
    const [first] = await waitFor(async () => {
      const deliveries = await backend.deliveries(tenantId, endpoint.endpointId);
      return deliveries[0]?.state === 'delivered' ? deliveries : undefined;
    }, 'the first delivery');

    const again = await backend.rpc.call(RedeliverWebhook, {
      tenantId,
      endpointId: endpoint.endpointId,
      deliveryId: first!.deliveryId,
      newDeliveryId: randomUUID(),
    });
    expect(again).toMatchObject({ state: 'pending', redeliveryOf: first!.deliveryId, eventId });
    await waitFor(async () => (to('/again').length === 2 ? true : undefined), 'the redelivery');
    expect(to('/again').map((request) => [request.body.id, request.headers['docpipe-delivery']])).toEqual([
      [eventId, first!.deliveryId],
      [eventId, again.deliveryId],
    ]);
    await expect(
      backend.rpc.call(RedeliverWebhook, {
        tenantId: newTenant('stranger'),
        endpointId: endpoint.endpointId,
        deliveryId: first!.deliveryId,
        newDeliveryId: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: 'webhook_not_found' });
  });

  async function deadLetters(): Promise<number> {
    const connection = await connect(backend.rabbitmqUrl);
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue('notification.deliver-webhooks.dlq')).messageCount;
    } finally {
      await connection.close();
    }
  }
});

function uploadedPayload(tenantId: string, documentId: string) {
  return {
    fileName: 'a.pdf',
    sizeBytes: 10,
    sha256: 'a'.repeat(64),
    objectKey: objectKeys.original(tenantId, documentId),
    mediaType: 'application/pdf',
    tags: [],
  };
}

const facts = () => {
  const at = new Date().toISOString();
  return { fileName: 'a.pdf', mediaType: 'application/pdf', tags: [], uploadedAt: at, runStartedAt: at };
};

function extractedPayload(tenantId: string, documentId: string) {
  const textKey = objectKeys.extractedText(tenantId, documentId);
  return { textKey, pages: 1, characters: 5, language: 'en', extractor: { name: 'test', version: '1' }, facts: facts() };
}

function classifiedPayload() {
  return {
    textKey: 'derived/t/d/text.json',
    documentType: 'invoice',
    confidence: 0.9,
    fields: {},
    classifier: { name: 'test', version: '1' },
    facts: facts(),
  };
}
