import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebhookDeliveryView, WebhookView } from '@docpipe/contracts';
import { loadConfig } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, Fleet, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { uploadTexts, waitUntilDone } from '../src/gateway-documents';
import { startWebhookReceiver, verifyDocpipeSignature, waitFor, type WebhookReceiver } from '@docpipe/testing';

/**
 * Webhooks on the whole fleet, through the gateway: a tenant's admin registers an endpoint on a receiver the test runs
 * (loopback, allowed by WEBHOOK_ALLOWED_NETWORKS), uploads a document and receives its events, signed, after a failed
 * first try; reads the delivery log and redelivers; the gateway refuses URLs that are not public and other tenants.
 */
describe('webhooks through the gateway, eight services as processes', () => {
  const tenantA = { tenant: 'hooks-a', key: `key-a-${randomBytes(8).toString('hex')}` };
  const tenantB = { tenant: 'hooks-b', key: `key-b-${randomBytes(8).toString('hex')}` };
  const operatorKey = `admin-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let fleet: Fleet;
  let receiver: WebhookReceiver;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    [vhost, database, lanceDir] = await Promise.all([
      isolatedVhost('hooks'),
      isolatedDatabase('hooks'),
      mkdtemp(join(tmpdir(), 'docpipe-hooks-lance-')),
    ]);
    receiver = await startWebhookReceiver();
    fleet = await Fleet.start(
      {
        ...process.env,
        RABBITMQ_URL: vhost.url,
        DATABASE_URL: database.url,
        LANCE_DIR: lanceDir,
        API_KEYS: `${tenantA.tenant}:${tenantA.key},${tenantB.tenant}:${tenantB.key}`,
        ADMIN_API_KEYS: `ops:${operatorKey}`,
        OLLAMA_HOST: '',
        OPENSEARCH_URL: '',
        LOG_LEVEL: 'warn',
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
        WEBHOOK_RETRY_INITIAL_MS: '200',
      },
      () => undefined,
    );
    [adminA, adminB] = await Promise.all([tenantAdminKey(tenantA.tenant), tenantAdminKey(tenantB.tenant)]);
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    await receiver?.close();
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const tenant of [tenantA.tenant, tenantB.tenant])
      for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
  });

  it("delivers a tenant's document events, signed and retried, and logs and redelivers them", async () => {
    const registered = await call(adminA, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/a'),
      eventTypes: ['document.uploaded', 'document.indexed'],
    });
    expect(registered.status).toBe(201);
    const endpoint = (await registered.json()) as WebhookView & { secret: string };
    expect(endpoint).toMatchObject({ tenantId: tenantA.tenant, state: 'active', secret: expect.stringMatching(/^whsec_/) });
    // Each delivery's first try fails: the worker tries again.
    const tried = new Set<string>();
    receiver.answer((request) => {
      const delivery = String(request.headers['docpipe-delivery']);
      if (tried.has(delivery)) return 204;
      tried.add(delivery);
      return 500;
    });
    // The worker hears webhook.registered before the upload's first event: metadata's outbox relays both, in that order.

    const [other] = await uploadTexts(fleet.url('gateway'), tenantB.key, [
      ['other.txt', 'A letter of tenant B about the harbour festival.'],
    ]);
    const [mine] = await uploadTexts(fleet.url('gateway'), tenantA.key, [
      ['invoice.txt', 'INVOICE INV-7. Total due: EUR 120.00 within 30 days.'],
    ]);
    expect(await waitUntilDone(fleet.url('gateway'), tenantB.key, other!)).toMatchObject({ status: 'indexed' });
    expect(await waitUntilDone(fleet.url('gateway'), tenantA.key, mine!)).toMatchObject({ status: 'indexed' });

    const delivered = () => receiver.received.filter((request) => request.path === '/a' && request.status === 204);
    await waitFor(async () => (delivered().length === 2 ? true : undefined), 'both events delivered', 60_000);
    expect(delivered().map((request) => [request.body.type, request.body.documentId])).toEqual([
      ['document.uploaded', mine],
      ['document.indexed', mine],
    ]);
    for (const request of delivered()) {
      expect(verifyDocpipeSignature(endpoint.secret, String(request.headers['docpipe-signature']), request.rawBody)).toBe(true);
    }
    expect(receiver.received.some((request) => request.body.documentId === other)).toBe(false);

    const log = await waitFor(async () => {
      const { items } = (await (await call(adminA, 'GET', `/api/v1/webhooks/${endpoint.endpointId}/deliveries`)).json()) as {
        items: WebhookDeliveryView[];
      };
      return items.length === 2 && items.every((item) => item.state === 'delivered' && item.attempts.length === 2) ? items : undefined;
    }, 'the delivery log');
    const indexed = log.find((item) => item.eventType === 'document.indexed')!;
    expect(indexed.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 204]);

    const again = await call(adminA, 'POST', `/api/v1/webhooks/${endpoint.endpointId}/deliveries/${indexed.deliveryId}/redeliver`);
    expect(again.status).toBe(202);
    const redelivery = (await again.json()) as WebhookDeliveryView;
    expect(redelivery).toMatchObject({ redeliveryOf: indexed.deliveryId, eventId: indexed.eventId, state: 'pending' });
    await waitFor(
      async () => (receiver.received.some((request) => request.headers['docpipe-delivery'] === redelivery.deliveryId) ? true : undefined),
      'the redelivery',
    );

    // Another tenant's admin sees none of it.
    expect((await call(adminB, 'GET', `/api/v1/webhooks/${endpoint.endpointId}/deliveries`)).status).toBe(404);
    expect((await call(adminB, 'DELETE', `/api/v1/webhooks/${endpoint.endpointId}`)).status).toBe(404);
    expect((await call(adminB, 'POST', `/api/v1/webhooks/${endpoint.endpointId}/enable`)).status).toBe(404);
    // Enabling an endpoint that is active answers it unchanged.
    const enabled = await call(adminA, 'POST', `/api/v1/webhooks/${endpoint.endpointId}/enable`);
    expect([enabled.status, ((await enabled.json()) as WebhookView).state]).toEqual([200, 'active']);
    expect(((await (await call(adminB, 'GET', '/api/v1/webhooks')).json()) as { items: unknown[] }).items).toEqual([]);

    expect((await call(adminA, 'DELETE', `/api/v1/webhooks/${endpoint.endpointId}`)).status).toBe(200);
    expect(((await (await call(adminA, 'GET', '/api/v1/webhooks')).json()) as { items: unknown[] }).items).toEqual([]);

    // Each change to where the tenant's events go is in the audit log, with the tenant admin who made it.
    const audited = await waitFor(async () => {
      const answer = await call(operatorKey, 'GET', `/api/v1/admin/audit?tenantId=${tenantA.tenant}&target=${endpoint.endpointId}`);
      const { items } = (await answer.json()) as { items: Array<{ action: string; actor: { tenantId: string } }> };
      return items.length === 4 ? items : undefined;
    }, 'the webhook actions in the audit log');
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      'webhook.enabled',
      'webhook.redelivered',
      'webhook.registered',
      'webhook.removed',
    ]);
    expect(audited.every((entry) => entry.actor.tenantId === tenantA.tenant)).toBe(true);
  });

  it('refuses endpoints that are not public, carry credentials, or come from a key without the admin scope', async () => {
    const register = (key: string, url: string) => call(key, 'POST', '/api/v1/webhooks', { url, eventTypes: ['document.indexed'] });
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/',
      'http://10.0.0.7/hook',
      'http://[::ffff:192.168.1.1]/',
    ]) {
      const response = await register(adminA, url);
      expect([url, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([
        url,
        400,
        'webhook_address_refused',
      ]);
    }
    const withCredentials = await register(adminA, 'http://user:secret@127.0.0.1:9/');
    expect(withCredentials.status).toBe(400);
    expect((await register(tenantA.key, receiver.url('/x'))).status).toBe(403);
  });

  async function tenantAdminKey(tenantId: string): Promise<string> {
    const created = await call(operatorKey, 'POST', '/api/v1/admin/api-keys', { tenantId, name: 'webhooks', scopes: ['admin'] });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    // The gateway accepts a new key once it heard api-key.issued, a moment later.
    await waitFor(async () => ((await call(key, 'GET', '/api/v1/webhooks')).status === 200 ? true : undefined), 'the new admin key');
    return key;
  }

  function call(key: string, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${fleet.url('gateway')}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
});
