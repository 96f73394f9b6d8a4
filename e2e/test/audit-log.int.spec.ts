import { randomBytes } from 'node:crypto';
import {
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';

interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; tenantId: string; keyId: string | null; subject: string | null };
  tenantId: string | null;
  target: string;
  performedAt: string;
  correlationId: string;
  details: Record<string, unknown>;
}
interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  size: number;
}

/**
 * The audit log end to end: admin actions through the gateway, announced on the broker, kept by metadata in
 * PostgreSQL, and read back through GET /api/v1/admin/audit.
 */
describe('audit log of admin actions', () => {
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  const tenantId = `audit-${randomBytes(4).toString('hex')}`;
  const tenantKey = `tk-${randomBytes(12).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  const services: ServiceProcess[] = [];
  let gateway: ServiceProcess;

  beforeAll(async () => {
    [vhost, database] = await Promise.all([isolatedVhost('e2e-audit'), isolatedDatabase('e2e_audit')]);
    const env = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      API_KEYS: `${tenantId}:${tenantKey}`,
      ADMIN_API_KEYS: `ops:${adminKey}`,
      LOG_LEVEL: 'warn',
    };
    services.push(await startServiceProcess('metadata', env));
    gateway = await startServiceProcess('gateway', env);
    services.push(gateway);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await Promise.all([vhost?.remove(), database?.drop()]);
  }, 60_000);

  const call = (path: string, key: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
  const asAdmin = (path: string, init: RequestInit = {}) =>
    call(path, adminKey, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const audit = async (query: string): Promise<AuditPage> => {
    const answer = await asAdmin(`/api/v1/admin/audit?${query}`);
    expect(answer.status).toBe(200);
    return (await answer.json()) as AuditPage;
  };

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

  it('records key creation, rotation and revocation, and a deletion, with actor, tenant, target and correlation id', async () => {
    const correlationOf = (answer: Response) => answer.headers.get('x-correlation-id');
    const created = await asAdmin('/api/v1/admin/api-keys', { method: 'POST', body: JSON.stringify({ tenantId, name: 'audited' }) });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { keyId: string };
    const rotated = await asAdmin(`/api/v1/admin/api-keys/${key.keyId}/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(201);
    const newKey = (await rotated.json()) as { keyId: string };
    const revoked = await asAdmin(`/api/v1/admin/api-keys/${newKey.keyId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);

    const form = new FormData();
    form.append('files', new Blob(['Audit me, then delete me.']), 'audited.txt');
    const upload = await call('/api/v1/documents', tenantKey, { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    const [{ id: documentId }] = ((await upload.json()) as { documents: Array<{ id: string }> }).documents;
    const deleted = await call(`/api/v1/documents/${documentId}`, tenantKey, { method: 'DELETE' });
    expect(deleted.status).toBe(202);

    let page: AuditPage = { items: [], total: 0, page: 1, size: 50 };
    await eventually(async () => {
      page = await audit(`tenantId=${tenantId}`);
      expect(page.total).toBe(4);
    });
    expect(page.items.map(({ action, target, tenantId: acted }) => ({ action, target, acted }))).toEqual([
      { action: 'document.deleted', target: documentId, acted: tenantId },
      { action: 'api-key.revoked', target: newKey.keyId, acted: tenantId },
      { action: 'api-key.rotated', target: key.keyId, acted: tenantId },
      { action: 'api-key.created', target: key.keyId, acted: tenantId },
    ]);
    const [deletion, , rotation, creation] = page.items;
    expect(creation?.actor).toEqual({ id: expect.any(String), tenantId: 'ops', keyId: null, subject: null });
    expect(deletion?.actor).toEqual({ id: expect.any(String), tenantId, keyId: null, subject: null });
    expect(deletion?.actor.id).not.toBe(creation?.actor.id);
    expect(rotation?.details).toEqual({ newKeyId: newKey.keyId });
    expect(page.items.map((entry) => entry.correlationId)).toEqual(
      [deleted, revoked, rotated, created].map((answer) => correlationOf(answer)),
    );
    expect(Date.parse(deletion?.performedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(creation?.performedAt ?? ''));
  });

  it('records a redrive of dead letters, on no one tenant', async () => {
    const redrive = await asAdmin('/api/v1/admin/dead-letters/extraction.extract-text/redrive', { method: 'POST', body: '{}' });
    expect(redrive.status).toBe(200);
    await eventually(async () => {
      const page = await audit('action=dead-letters.redriven');
      expect(page.items).toEqual([
        expect.objectContaining({
          action: 'dead-letters.redriven',
          tenantId: null,
          target: 'extraction.extract-text',
          details: { redriven: 0, remaining: 0 },
        }),
      ]);
    });
  });

  it('filters by actor and pages newest first', async () => {
    const everything = await audit('size=200');
    const byAdmin = everything.items.filter((entry) => entry.actor.tenantId === 'ops');
    const adminId = byAdmin[0]?.actor.id ?? '';
    const filtered = await audit(`actor=${adminId}`);
    expect(filtered.items.map((entry) => entry.id)).toEqual(byAdmin.map((entry) => entry.id));

    const second = await audit('size=1&page=2');
    expect(second).toMatchObject({ total: everything.total, page: 2, size: 1 });
    expect(second.items.map((entry) => entry.id)).toEqual([everything.items[1]?.id]);
  });

  it('is for admins only, and refuses filters out of range with 400', async () => {
    expect((await call('/api/v1/admin/audit', tenantKey)).status).toBe(403);
    expect((await call('/api/v1/admin/audit', 'not-a-key')).status).toBe(401);
    for (const query of ['size=1e20', 'page=0', 'action=document.read', 'from=yesterday', 'colour=blue']) {
      expect((await asAdmin(`/api/v1/admin/audit?${query}`)).status).toBe(400);
    }
  });
});
