import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';
import { secureHttp } from '../src/security/http-security';
import { parseJsonBodies } from '../src/security/json-body';
import { listKeys } from './support/object-store';

/** What a hostile probe of a default install found (issue #16), each answered with a 4xx in the API's error shape. */
describe('hostile requests to the gateway', () => {
  const tenant = `hostile-http-${randomBytes(3).toString('hex')}`;
  const key = `hk-${randomBytes(12).toString('hex')}`;
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    vhost = await isolatedVhost('gw-hostile');
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${key}`,
      AUTH_FAILURES_PER_MINUTE: '5',
      // Lets the test speak for several client addresses through X-Forwarded-For.
      TRUSTED_PROXIES: 'loopback',
      // No metadata or ingestion runs: a request that got past validation answers 503 quickly.
      REQUEST_TIMEOUT_MS: '300',
    });
    app = await startService({
      name: 'gateway',
      port: 0,
      logLevel: 'silent',
      bodyParser: false,
      module: (logger) => GatewayModule.register(config, logger),
      configure: (nest) => {
        secureHttp(nest, { corsOrigins: [], trustedProxies: config.TRUSTED_PROXIES });
        parseJsonBodies(nest);
      },
    });
    url = await app.getUrl();
    await fetchReadiness(url);
  });

  afterAll(async () => {
    await app?.close();
    await vhost?.remove();
  });

  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
  const asClient = (address: string, apiKey?: string) => ({ 'x-forwarded-for': address, ...(apiKey ? { 'x-api-key': apiKey } : {}) });

  it.each(['/api/v1/documents', `/api/v1/documents/${randomUUID()}/reprocess`, '/no/such/path'])(
    'answers a JSON body over 100 KiB with 413 and the error shape before any key is checked (POST %s)',
    async (path) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filler: 'x'.repeat(200 * 1024) }),
      });
      expect(response.status).toBe(413);
      expect(await errorCode(response)).toBe('payload_too_large');
    },
  );

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(`${url}/api/v1/documents/${randomUUID()}/reprocess`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: '{"unterminated',
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_request');
  });

  it.each([
    '/api/v1/documents?page=1e20',
    '/api/v1/documents?page=10001',
    '/api/v1/search?q=invoice&page=1e20',
    `/api/v1/documents/${randomUUID()}/timeline?afterSeq=1e20`,
    `/api/v1/documents/${randomUUID()}/timeline?afterSeq=2147483648`,
  ])('answers an out-of-range number with 400, never a 5xx: %s', async (path) => {
    const response = await fetch(`${url}${path}`, { headers: { 'x-api-key': key } });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_request');
  });

  const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  it.each([
    ['metadata nested 10 000 levels deep', { metadata: nested(10_000) }],
    ['metadata nested 9 levels deep', { metadata: nested(9) }],
    ['metadata of 20 KiB', { metadata: JSON.stringify({ note: 'x'.repeat(20 * 1024) }) }],
    ['tags that are not strings', { tags: '[{"a":1}]' }],
    ['an unknown form field', { owner: 'someone-else' }],
  ])('refuses %s with 400 and leaves nothing staged', async (_what, fields) => {
    const form = new FormData();
    form.append('files', new Blob([`hostile ${randomUUID()}\n`]), 'note.txt');
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const response = await fetch(`${url}/api/v1/documents`, { method: 'POST', headers: { 'x-api-key': key }, body: form });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_request');
    expect(await listKeys(`staging/${tenant}/`)).toEqual([]);
  });

  it('throttles wrong keys per client address with 429 and Retry-After, and only that address', async () => {
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await fetch(`${url}/api/v1/documents`, { headers: asClient(attacker, `wrong-${i}-${randomUUID()}`) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const throttled = await fetch(`${url}/api/v1/documents`, { headers: asClient(attacker, `wrong-${randomUUID()}`) });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorCode(throttled)).toBe('too_many_auth_failures');
    // Blocked before the key is looked at, so even a right guess gets no answer from this address…
    expect((await fetch(`${url}/api/v1/documents/not-a-uuid`, { headers: asClient(attacker, key) })).status).toBe(429);
    // …while another address with the same key is served (400: authenticated, then the id is invalid).
    expect((await fetch(`${url}/api/v1/documents/not-a-uuid`, { headers: asClient('203.0.113.8', key) })).status).toBe(400);
  });

  it('throttles wrong keys sharing a prefix across many addresses, without locking out the holder of a right key', async () => {
    const prefix = randomBytes(3).toString('hex');
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i += 1) {
      const guess = `${prefix}${randomBytes(8).toString('hex')}`;
      statuses.push((await fetch(`${url}/api/v1/documents`, { headers: asClient(`198.51.100.${i}`, guess) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await fetch(`${url}/api/v1/documents/not-a-uuid`, { headers: asClient('198.51.100.99', key) })).status).toBe(400);
  });
});
