import { randomBytes } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';
import { io } from 'socket.io-client';
import { ApiKeyUsed, type Envelope } from '@docpipe/contracts';
import { EVENTS_EXCHANGE } from '@docpipe/events';
import {
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';

interface CreatedKey {
  keyId: string;
  key: string;
  tenantId: string;
  prefix: string;
  scopes: string[];
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Keys managed at run time across instances: metadata, two gateways and a notification instance as processes.
 * A key created through one gateway opens the other and the socket; revoked through one, it is refused by all
 * within seconds, without a restart.
 */
describe('API keys managed at run time', () => {
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  const tenantId = `rk-${randomBytes(4).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  const services: ServiceProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let gatewayA: ServiceProcess;
  let gatewayB: ServiceProcess;
  let notification: ServiceProcess;
  let broker: ChannelModel;
  const announcedUses: Envelope<typeof ApiKeyUsed>[] = [];

  beforeAll(async () => {
    [vhost, database] = await Promise.all([isolatedVhost('e2e-keys'), isolatedDatabase('e2e_keys')]);
    env = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      API_KEYS: `other:key-${randomBytes(8).toString('hex')}`,
      ADMIN_API_KEYS: `ops:${adminKey}`,
      LOG_LEVEL: 'warn',
    };
    services.push(await startServiceProcess('metadata', env));
    [gatewayA, gatewayB, notification] = await Promise.all([
      startServiceProcess('gateway', env),
      startServiceProcess('gateway', env),
      startServiceProcess('notification', env),
    ]);
    services.push(gatewayA, gatewayB, notification);
    broker = await connect(vhost.url);
    const channel = await broker.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, ApiKeyUsed.routingKey);
    await channel.consume(
      queue,
      (message) => message && announcedUses.push(JSON.parse(message.content.toString()) as Envelope<typeof ApiKeyUsed>),
      {
        noAck: true,
      },
    );
  }, 180_000);

  afterAll(async () => {
    await broker?.close();
    await Promise.all(services.map((service) => service.stop()));
    await Promise.all([vhost?.remove(), database?.drop()]);
  }, 60_000);

  const call = (gateway: ServiceProcess, path: string, key: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    });

  async function create(body: Record<string, unknown>, gateway = gatewayA): Promise<CreatedKey> {
    const answer = await call(gateway, '/api/v1/admin/api-keys', adminKey, { method: 'POST', body: JSON.stringify(body) });
    expect(answer.status).toBe(201);
    return (await answer.json()) as CreatedKey;
  }

  /** Whether the socket server lets this key connect. */
  function socketAccepts(key: string): Promise<boolean> {
    const socket = io(notification.url, { auth: { token: key }, transports: ['websocket'], reconnection: false, forceNew: true });
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.close();
        resolve(true);
      });
      socket.once('connect_error', () => {
        socket.close();
        resolve(false);
      });
    });
  }

  async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  const statusOn = async (gateway: ServiceProcess, key: string, path = '/api/v1/documents') => (await call(gateway, path, key)).status;

  it('creates a key through one gateway that the other gateway and the socket accept, with its scopes only', async () => {
    const created = await create({ tenantId, name: 'scanner in room 4' });
    expect(created).toMatchObject({ tenantId, name: 'scanner in room 4', scopes: ['read', 'write'], revokedAt: null });
    expect(created.key).toMatch(/^dpk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 8));

    await eventually(async () => expect(await statusOn(gatewayB, created.key)).toBe(200));
    expect(await statusOn(gatewayA, created.key)).toBe(200);
    await eventually(async () => expect(await socketAccepts(created.key)).toBe(true));
    // A tenant's key, however it was made, does not open the admin API.
    expect(await statusOn(gatewayA, created.key, '/api/v1/admin/api-keys')).toBe(403);

    const listed = (await (await call(gatewayB, `/api/v1/admin/api-keys?tenantId=${tenantId}`, adminKey)).json()) as { items: object[] };
    expect(listed.items).toEqual([expect.objectContaining({ keyId: created.keyId, prefix: created.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain('sha256');
  });

  it("gives a key made with the admin scope its own tenant's webhooks, never the installation's admin routes", async () => {
    const tenantAdmin = await create({ tenantId, name: 'webhooks', scopes: ['admin'] });

    await eventually(async () => expect(await statusOn(gatewayA, tenantAdmin.key, '/api/v1/webhooks')).toBe(200));
    for (const path of ['/api/v1/admin/api-keys', '/api/v1/admin/pipeline', '/api/v1/admin/audit', '/api/v1/admin/dead-letters']) {
      expect([path, await statusOn(gatewayA, tenantAdmin.key, path)]).toEqual([path, 403]);
    }
    // And the gateway says so to whoever holds it, as the web UI asks: its tenant's admin, not the installation's.
    expect(await (await call(gatewayA, '/api/v1/me', tenantAdmin.key)).json()).toMatchObject({
      tenantId,
      scopes: ['admin'],
      admin: false,
      tenantAdmin: true,
    });
    const minted = await call(gatewayA, '/api/v1/admin/api-keys', tenantAdmin.key, {
      method: 'POST',
      body: JSON.stringify({ tenantId: 'other', name: 'a way into another tenant', scopes: ['read'] }),
    });
    expect(minted.status).toBe(403);
    expect(((await minted.json()) as { error: { message: string } }).error.message).toContain('administers its own tenant (webhooks) only');
    // The operator's key still opens them.
    expect(await statusOn(gatewayA, adminKey, `/api/v1/admin/api-keys?tenantId=${tenantId}`)).toBe(200);
  });

  it('lists when a key was last used, announced once a minute per gateway and written once a minute', async () => {
    const created = await create({ tenantId, name: 'last used' });
    expect(created.lastUsedAt).toBeNull();
    const before = Date.now();
    await eventually(async () => expect(await statusOn(gatewayA, created.key)).toBe(200));
    await eventually(async () => expect(await statusOn(gatewayB, created.key)).toBe(200));
    for (let request = 0; request < 5; request += 1) {
      expect(await statusOn(gatewayA, created.key)).toBe(200);
      expect(await statusOn(gatewayB, created.key)).toBe(200);
    }

    const lastUsed = async () => {
      const listed = (await (await call(gatewayA, `/api/v1/admin/api-keys?tenantId=${tenantId}`, adminKey)).json()) as {
        items: CreatedKey[];
      };
      return listed.items.find((key) => key.keyId === created.keyId)?.lastUsedAt;
    };
    await eventually(async () => expect(await lastUsed()).not.toBeNull());
    // Twelve requests or more through two gateways: one announcement from each, and only one of them written.
    const announced = () => announcedUses.filter((event) => event.payload.keyId === created.keyId);
    await eventually(async () => expect(announced()).toHaveLength(2));
    expect(announced().map((event) => event.tenantId)).toEqual([tenantId, tenantId]);
    const recorded = await lastUsed();
    expect(announced().map((event) => event.payload.usedAt)).toContain(recorded);
    expect(Date.parse(recorded ?? '')).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('counts a socket connection as a use of its key, as a request is', async () => {
    const created = await create({ tenantId, name: 'socket only' });
    await eventually(async () => expect(await socketAccepts(created.key)).toBe(true));
    const listed = async () =>
      ((await (await call(gatewayA, `/api/v1/admin/api-keys?tenantId=${tenantId}`, adminKey)).json()) as { items: CreatedKey[] }).items;
    await eventually(async () => expect((await listed()).find((key) => key.keyId === created.keyId)?.lastUsedAt).not.toBeNull());
    const announced = announcedUses.filter((event) => event.payload.keyId === created.keyId);
    expect(announced).toEqual([expect.objectContaining({ tenantId })]);
  });

  it('refuses a revoked key on every gateway and on the socket within seconds, without a restart', async () => {
    const created = await create({ tenantId, name: 'to revoke' });
    await eventually(async () => expect(await statusOn(gatewayB, created.key)).toBe(200));

    const revoked = await call(gatewayB, `/api/v1/admin/api-keys/${created.keyId}`, adminKey, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as CreatedKey).revokedAt).not.toBeNull();

    await eventually(async () => {
      expect(await statusOn(gatewayA, created.key)).toBe(401);
      expect(await statusOn(gatewayB, created.key)).toBe(401);
      expect(await socketAccepts(created.key)).toBe(false);
    });
  });

  it('rotates a key: the new one works, the old one is refused', async () => {
    const old = await create({ tenantId, name: 'nightly export', scopes: ['read'] });
    const answer = await call(gatewayA, `/api/v1/admin/api-keys/${old.keyId}/rotate`, adminKey, { method: 'POST' });
    expect(answer.status).toBe(201);
    const rotated = (await answer.json()) as CreatedKey;
    expect(rotated).toMatchObject({ tenantId, scopes: ['read'] });
    expect(rotated.keyId).not.toBe(old.keyId);

    await eventually(async () => {
      expect(await statusOn(gatewayB, rotated.key)).toBe(200);
      expect(await statusOn(gatewayB, old.key)).toBe(401);
    });
    // A read-only key may read but not write.
    expect((await call(gatewayB, `/api/v1/documents/${old.keyId}`, rotated.key, { method: 'DELETE' })).status).toBe(403);

    // The old key is revoked: rotating it again is refused, and leaves no new key behind.
    const again = await call(gatewayB, `/api/v1/admin/api-keys/${old.keyId}/rotate`, adminKey, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('api_key_revoked_conflict');
    const listed = (await (await call(gatewayA, `/api/v1/admin/api-keys?tenantId=${tenantId}`, adminKey)).json()) as {
      items: (CreatedKey & { name: string })[];
    };
    const named = listed.items.filter((key) => key.name === 'nightly export');
    expect(named.map(({ keyId, revokedAt }) => ({ keyId, live: revokedAt === null }))).toEqual([
      { keyId: rotated.keyId, live: true },
      { keyId: old.keyId, live: false },
    ]);
  });

  it('gives a gateway started later every key created before, from the active list', async () => {
    const created = await create({ tenantId, name: 'before the new gateway' });
    const late = await startServiceProcess('gateway', env);
    services.push(late);
    await eventually(async () => expect(await statusOn(late, created.key)).toBe(200));
  });

  it('stops accepting a key once it expires', async () => {
    const created = await create({ tenantId, name: 'short-lived', expiresAt: new Date(Date.now() + 4_000).toISOString() });
    await eventually(async () => expect(await statusOn(gatewayB, created.key)).toBe(200));
    await eventually(async () => expect(await statusOn(gatewayB, created.key)).toBe(401));
  });

  it('answers 400 for an invalid request and 404 for an unknown key', async () => {
    const invalid = await call(gatewayA, '/api/v1/admin/api-keys', adminKey, {
      method: 'POST',
      body: JSON.stringify({ tenantId: 'bad tenant!', name: '', scopes: ['root'] }),
    });
    expect(invalid.status).toBe(400);
    const unknown = await call(gatewayA, '/api/v1/admin/api-keys/3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10', adminKey, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('api_key_not_found');
    const rotateUnknown = await call(gatewayA, '/api/v1/admin/api-keys/3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10/rotate', adminKey, {
      method: 'POST',
    });
    expect(rotateUnknown.status).toBe(404);
  });
});
