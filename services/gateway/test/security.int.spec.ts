import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';
import { serveOpenApi } from '../src/openapi';
import { secureHttp } from '../src/security/http-security';

const sha256 = (key: string): string => createHash('sha256').update(key).digest('hex');
const newKey = (name: string): string => `${name}-${randomBytes(8).toString('hex')}`;

describe('the gateway’s security and admin API', () => {
  const suffix = randomBytes(3).toString('hex');
  const keys = {
    plain: newKey('plain'),
    hashed: newKey('hashed'),
    burst: newKey('burst'),
    revoked: newKey('revoked'),
    admin: newKey('admin'),
    metrics: newKey('metrics-token'),
  };
  const allowedOrigin = 'https://app.example.com';
  const extractQueue = 'extraction.extract-text';
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let url: string;
  let broker: ChannelModel;

  beforeAll(async () => {
    vhost = await isolatedVhost('gw-security');
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      // The hashed entries are what a deployment would store: the keys themselves appear nowhere in its configuration.
      API_KEYS: `sec-a-${suffix}:${keys.plain},sec-b-${suffix}:sha256:${sha256(keys.hashed)},sec-c-${suffix}:${keys.burst}`,
      ADMIN_API_KEYS: `ops:sha256:${sha256(keys.admin)}`,
      RATE_LIMIT_PER_MINUTE: '5',
      CORS_ORIGINS: allowedOrigin,
      REQUEST_TIMEOUT_MS: '300',
    });
    app = await startService({
      name: 'gateway',
      port: 0,
      metricsToken: keys.metrics,
      logLevel: 'silent',
      module: (logger) => GatewayModule.register(config, logger),
      configure: (nest) => {
        secureHttp(nest, { corsOrigins: config.CORS_ORIGINS });
        serveOpenApi(nest);
      },
    });
    url = await app.getUrl();
    await fetchReadiness(url);
    broker = await connect(vhost.url);
  });

  afterAll(async () => {
    await broker?.close();
    await app?.close();
    await vhost?.remove();
  });

  const get = (path: string, key?: string) => fetch(`${url}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  it('sends security headers, with a policy that lets the web UI and the Swagger UI work from the same origin', async () => {
    for (const path of ['/health/live', '/api/docs/']) {
      const response = await get(path);
      const host = new URL(url).host;
      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("img-src 'self' data: blob:");
      expect(policy).toContain(`connect-src 'self' ws://${host} wss://${host}`);
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers CORS for the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${url}/api/v1/documents`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
      });
    const allowed = await preflight(allowedOrigin);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts a key given hashed at rest, and refuses a key whose entry was removed', async () => {
    // The gateway alone: 503 means authenticated, then the metadata service did not answer.
    expect((await get('/api/v1/documents', keys.hashed)).status).toBe(503);
    expect((await get('/api/v1/documents', keys.plain)).status).toBe(503);
    expect((await get('/api/v1/documents', sha256(keys.hashed))).status).toBe(401);
    expect((await get('/api/v1/documents', keys.revoked)).status).toBe(401);
  });

  it('limits each key’s requests per minute with 429 and Retry-After, without touching other keys', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await get(`/api/v1/documents/${randomUUID()}/timeline`, keys.burst)).status);
    expect(statuses.every((status) => status !== 429)).toBe(true);
    const limited = await get('/api/v1/documents', keys.burst);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await get('/api/v1/documents', keys.hashed)).status).not.toBe(429);
  });

  it('closes the admin API to tenants’ keys (403) and to requests without a valid key (401)', async () => {
    expect((await get('/api/v1/admin/dead-letters', keys.plain)).status).toBe(403);
    expect((await get('/api/v1/admin/dead-letters')).status).toBe(401);
    expect((await get('/api/v1/admin/dead-letters', 'not-a-key-at-all')).status).toBe(401);
  });

  it('lists dead letters per queue with their error, and redrives one by id to its queue', async () => {
    const channel = await broker.createConfirmChannel();
    const messageId = randomUUID();
    const failedAt = new Date().toISOString();
    // What the extraction consumer leaves in its DLQ when it gives up (shared/events consumer.ts).
    channel.sendToQueue(`${extractQueue}.dlq`, Buffer.from('{}'), {
      persistent: true,
      messageId,
      type: 'document.uploaded',
      headers: {
        'x-attempt': 5,
        'x-error-code': 'extraction_failed',
        'x-error-message': 'The PDF is damaged',
        'x-first-failure-at': failedAt,
        'x-last-failure-at': failedAt,
        'x-original-routing-key': 'document.uploaded.v1',
        'x-tenant-id': 'sec-a',
      },
    });
    await channel.waitForConfirms();

    const listed = await get('/api/v1/admin/dead-letters?limit=5', keys.admin);
    expect(listed.status).toBe(200);
    const { queues } = (await listed.json()) as {
      queues: Array<{ queue: string; count: number; messages: Array<Record<string, unknown>> }>;
    };
    expect(queues.map((queue) => queue.queue)).toEqual(expect.arrayContaining([extractQueue, 'metadata.track-status']));
    const extraction = queues.find((queue) => queue.queue === extractQueue)!;
    expect(extraction.count).toBe(1);
    expect(extraction.messages).toEqual([
      expect.objectContaining({
        messageId,
        errorCode: 'extraction_failed',
        errorMessage: 'The PDF is damaged',
        attempts: 5,
        firstFailureAt: failedAt,
        lastFailureAt: failedAt,
      }),
    ]);

    const redrive = (queue: string, body: unknown) =>
      fetch(`${url}/api/v1/admin/dead-letters/${queue}/redrive`, {
        method: 'POST',
        headers: { 'x-api-key': keys.admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await (await redrive(extractQueue, { messageIds: ['someone-else'] })).json()).toEqual({
      queue: extractQueue,
      redriven: 0,
      remaining: 1,
    });
    const redriven = await redrive(extractQueue, { messageIds: [messageId] });
    expect(redriven.status).toBe(200);
    expect(await redriven.json()).toEqual({ queue: extractQueue, redriven: 1, remaining: 0 });
    expect((await channel.checkQueue(extractQueue)).messageCount).toBe(1);
    expect((await channel.checkQueue(`${extractQueue}.dlq`)).messageCount).toBe(0);
    const back = await channel.get(extractQueue, { noAck: true });
    expect(back && back.properties.messageId).toBe(messageId);
    expect(back && back.properties.headers?.['x-attempt']).toBeUndefined();
    expect((await redrive('no.such-queue', {})).status).toBe(404);
    await channel.close();
  });

  it('says who a key is: its tenant, scopes and whether it opens the admin routes, to any key it accepts', async () => {
    const me = async (key?: string) => {
      const response = await get('/api/v1/me', key);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await me(keys.plain)).toEqual({
      status: 200,
      body: {
        tenantId: `sec-a-${suffix}`,
        principalId: expect.any(String),
        scopes: ['read', 'write'],
        admin: false,
        tenantAdmin: false,
        expiresAt: null,
      },
    });
    // An admin key has no tenant documents to read (no read scope), yet may ask who it is.
    expect(await me(keys.admin)).toEqual({
      status: 200,
      body: { tenantId: 'ops', principalId: expect.any(String), scopes: ['admin'], admin: true, tenantAdmin: true, expiresAt: null },
    });
    expect((await get('/api/v1/documents', keys.admin)).status).toBe(403);
    expect((await me()).status).toBe(401);
    expect((await me(`${keys.plain}-wrong`)).status).toBe(401);
  });

  it('answers /metrics with 401 and the error shape without the metrics token, with a wrong one, and with an API key', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${keys.metrics}x` },
      { authorization: 'Bearer ' },
      { 'x-api-key': keys.plain },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/metrics`, { headers });
      expect({ headers, status: response.status }).toEqual({ headers, status: 401 });
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error).toEqual({ code: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
    }
  });

  it('serves Prometheus metrics to the holder of the metrics token, with every queue’s depth and DLQ size', async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${keys.metrics}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const metrics = await response.text();
    expect(metrics).toContain('process_cpu_user_seconds_total{service="gateway"}');
    expect(metrics).toMatch(new RegExp(`queue_messages\\{[^}]*queue="${extractQueue}"[^}]*\\} 0`));
    expect(metrics).toMatch(new RegExp(`dead_letter_messages\\{[^}]*queue="${extractQueue}"[^}]*\\} 0`));
  });
});
