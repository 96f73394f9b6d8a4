import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { BrokerConnection, RpcClient } from '@docpipe/events';
import { objectKeys, RegisterDocument } from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import {
  fetchReadiness,
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { startTestIssuer, type TestIssuer, type TokenClaims } from '@docpipe/testing';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';

interface ErrorAnswer {
  error: { code: string; message: string };
}

/**
 * Bearer JWTs from an OpenID Connect issuer this test runs itself (discovery document, JWKS, tokens signed
 * with jose), against the gateway with the real metadata service behind it.
 */
describe('the gateway with an OIDC issuer’s tokens', () => {
  const suffix = randomBytes(4).toString('hex');
  const tenant = `oidc-a-${suffix}`;
  const otherTenant = `oidc-b-${suffix}`;
  const apiKey = `oidc-key-${suffix}`;
  let issuer: TestIssuer;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let metadata: ServiceProcess;
  let connection: BrokerConnection;
  let app: INestApplication;
  let url: string;
  let documentId: string;

  beforeAll(async () => {
    [issuer, vhost, database] = await Promise.all([startTestIssuer(), isolatedVhost('gw-oidc'), isolatedDatabase('gw_oidc')]);
    metadata = await startServiceProcess('metadata', {
      ...process.env,
      LOG_LEVEL: 'warn',
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
    });
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${apiKey}`,
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: issuer.audience,
      OIDC_TENANT_CLAIM: 'org.tenant',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_SCOPES: 'docpipe-user:read,docpipe-user:write,docpipe-viewer:read,docpipe-ops:admin',
      OIDC_CLOCK_SKEW_SECONDS: '30',
    });
    app = await startService({
      name: 'gateway',
      port: 0,
      logLevel: 'silent',
      module: (logger) => GatewayModule.register(config, logger),
    });
    url = await app.getUrl();
    await fetchReadiness(url);

    const logger = createLogger({ service: 'gw-oidc-test', level: 'silent' });
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'gw-oidc-test', logger });
    const rpc = new RpcClient(connection, { timeoutMs: 10_000, logger });
    await rpc.start();
    connection.start();
    await connection.whenConnected();
    documentId = randomUUID();
    await rpc.call(RegisterDocument, {
      tenantId: tenant,
      documentId,
      fileName: 'contract.pdf',
      declaredMediaType: 'application/pdf',
      sizeBytes: 1024,
      sha256: randomBytes(32).toString('hex'),
      stagingKey: objectKeys.staging(tenant, randomUUID()),
    });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    await metadata?.stop();
    await issuer?.stop();
    await Promise.all([vhost?.remove(), database?.drop()]);
  });

  const token = (claims: TokenClaims = {}) => issuer.sign({ org: { tenant }, realm_access: { roles: ['docpipe-user'] }, ...claims });
  const call = async (path: string, bearer: string, method = 'GET') =>
    fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${bearer}` } });
  const listedIds = async (response: Response) =>
    ((await response.json()) as { items: { id: string }[] }).items.map((document) => document.id);

  it('answers a valid token with its own tenant’s documents', async () => {
    const response = await call('/api/v1/documents', await token());
    expect(response.status).toBe(200);
    expect(await listedIds(response)).toEqual([documentId]);
    expect((await call(`/api/v1/documents/${documentId}`, await token())).status).toBe(200);
  });

  it('keeps a token of another tenant away from these documents', async () => {
    const other = await token({ org: { tenant: otherTenant } });
    const listed = await call('/api/v1/documents', other);
    expect(listed.status).toBe(200);
    expect(await listedIds(listed)).toEqual([]);
    expect((await call(`/api/v1/documents/${documentId}`, other)).status).toBe(404);
  });

  it('still takes API keys beside tokens', async () => {
    const response = await call('/api/v1/documents', apiKey);
    expect(response.status).toBe(200);
    expect(await listedIds(response)).toEqual([documentId]);
  });

  it('accepts a token that expired less than the clock skew ago', async () => {
    expect((await call('/api/v1/documents', await token({ expiresIn: -10 }))).status).toBe(200);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired', () => token({ expiresIn: -120 }), /expired/],
    ['for another audience', () => token({ aud: 'some-other-api' }), /audience is not OIDC_AUDIENCE/],
    ['from another issuer', () => token({ iss: 'https://login.evil.example' }), /not issued by OIDC_ISSUER/],
    ['signed with a key the issuer does not publish', () => token({ foreignKey: true }), /signature does not verify/],
    ['without a tenant claim', () => token({ org: {} }), /no "org.tenant" claim/],
    ['with a tenant claim unfit for a tenant id', () => token({ org: { tenant: '../other' } }), /unusable "org.tenant" claim/],
    ['without an expiry', () => token({ exp: undefined }), /"exp" claim/],
  ])('refuses a token %s with 401 and the JSON error shape', async (_case, make, message) => {
    const response = await call('/api/v1/documents', await make());
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as ErrorAnswer;
    expect(body).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(message) } });
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await token()).split('.');
    const payload = Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, org: { tenant: otherTenant }, exp: 9e9 }));
    const response = await call('/api/v1/documents', `${header}.${payload.toString('base64url')}.${signature}`);
    expect(response.status).toBe(401);
  });

  it('lets a role mapped to read list documents but not delete them (403)', async () => {
    const viewer = await token({ realm_access: { roles: ['docpipe-viewer'] } });
    expect((await call('/api/v1/documents', viewer)).status).toBe(200);
    const refused = await call(`/api/v1/documents/${documentId}`, viewer, 'DELETE');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorAnswer).error).toEqual({ code: 'forbidden', message: expect.stringContaining('write') });
    const unmapped = await token({ realm_access: { roles: ['someone-elses-role'] } });
    expect((await call('/api/v1/documents', unmapped)).status).toBe(403);
  });

  it('opens the admin API to a token with a role mapped to admin, and answers 403 to a tenant’s token', async () => {
    const admin = await token({ realm_access: { roles: ['docpipe-ops'] } });
    expect((await call('/api/v1/admin/dead-letters?limit=1', admin)).status).toBe(200);
    const refused = await call('/api/v1/admin/dead-letters?limit=1', await token());
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorAnswer).error.code).toBe('forbidden');
    expect((await call('/api/v1/admin/dead-letters?limit=1', apiKey)).status).toBe(403);
  });

  it('fetched the issuer’s discovery document and keys once for all these tokens', () => {
    expect(issuer.fetches).toEqual({ discovery: 1, jwks: 1 });
  });
});

describe('the gateway when the OIDC issuer cannot be reached', () => {
  let app: INestApplication;
  let url: string;
  let vhost: IsolatedVhost;
  let issuer: TestIssuer;

  beforeAll(async () => {
    [vhost, issuer] = await Promise.all([isolatedVhost('gw-oidc-down'), startTestIssuer()]);
    // Tokens signed by a real issuer, but the gateway is told to fetch keys where nobody listens.
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `down:down-key-${randomBytes(4).toString('hex')}`,
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_AUDIENCE: issuer.audience,
    });
    app = await startService({ name: 'gateway', port: 0, logLevel: 'silent', module: (logger) => GatewayModule.register(config, logger) });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.stop();
    await vhost?.remove();
  });

  it('answers 503 identity_provider_unavailable, not 401, so clients retry instead of dropping their token', async () => {
    const bearer = await issuer.sign({ iss: 'http://127.0.0.1:9', tenant: 'down', roles: ['read'] });
    const response = await fetch(`${url}/api/v1/documents`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorAnswer).error.code).toBe('identity_provider_unavailable');
  });
});
