import type { INestApplication } from '@nestjs/common';
import { newTenant, startBackend, type Backend } from './support/backend';
import { connectClient, eventually, settle, type TestClient } from './support/clients';
import { startNotification } from './support/in-process';

const tenantA = newTenant('a');
const tenantB = newTenant('b');
const keyA = `key-a-${tenantA}`;
const keyB = `key-b-${tenantB}`;

describe('live progress over socket.io', () => {
  let backend: Backend;
  const instances: INestApplication[] = [];
  const clients: TestClient[] = [];
  let url: string;

  async function startInstance(): Promise<string> {
    const { app, url: appUrl } = await startNotification({
      RABBITMQ_URL: backend.rabbitmqUrl,
      API_KEYS: `${tenantA}:${keyA},${tenantB}:${keyB}`,
    });
    instances.push(app);
    return appUrl;
  }

  async function connect(token: string, on = url): Promise<TestClient> {
    const client = await connectClient(on, { token });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    backend = await startBackend();
    url = await startInstance();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(instances.map((app) => app.close()));
    await backend?.stop();
  });

  it('refuses a socket without an API key or with a wrong one', async () => {
    await expect(connectClient(url, {})).rejects.toMatchObject({
      message: expect.stringContaining('No API key'),
      data: { code: 'unauthorized' },
    });
    await expect(connectClient(url, { token: 'not-a-known-key' })).rejects.toMatchObject({
      message: 'The API key is not valid',
      data: { code: 'unauthorized' },
    });
  });

  it('accepts the API key as an Authorization header too', async () => {
    const client = await connectClient(url, { headers: { authorization: `Bearer ${keyA}` } });
    clients.push(client);
    expect(client.socket.connected).toBe(true);
  });

  it("pushes a tenant's timeline entries to that tenant's sockets only", async () => {
    const [clientA, clientB] = await Promise.all([connect(keyA), connect(keyB)]);
    const [documentA, documentB] = await Promise.all([backend.registerDocument(tenantA), backend.registerDocument(tenantB)]);

    for (let step = 0; step < 2; step += 1) {
      await Promise.all([backend.advance(tenantA, documentA), backend.advance(tenantB, documentB)]);
    }

    await eventually(() => {
      expect(clientA.of(documentA)).toEqual([1, 2]);
      expect(clientB.of(documentB)).toEqual([1, 2]);
    });
    expect(clientA.received[0]).toMatchObject({ documentId: documentA, seq: 1, type: 'document.uploaded', status: expect.any(String) });
    await settle();
    expect(clientA.of(documentB)).toEqual([]);
    expect(clientB.of(documentA)).toEqual([]);

    // Naming another tenant's document replays nothing: it is not found for this tenant.
    await expect(clientA.subscribe(documentB, 0)).resolves.toMatchObject({ ok: false, error: { code: 'document_not_found' } });
    await settle();
    expect(clientA.of(documentB)).toEqual([]);
  });

  it('answers a malformed subscribe with invalid_request, and survives one sent without an ack', async () => {
    const client = await connect(keyA);
    client.socket.emit('subscribe', { documentId: 'not-a-uuid' }, 'not a callback');
    await expect(client.subscribe('not-a-uuid', 0)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('replays exactly what a client missed when it reconnects with its last seq', async () => {
    const watcher = await connect(keyA);
    const first = await connect(keyA);
    const documentId = await backend.registerDocument(tenantA);
    await backend.advance(tenantA, documentId);
    await backend.advance(tenantA, documentId);
    await eventually(() => expect(first.of(documentId)).toEqual([1, 2]));

    first.close();
    // One tick at a time: metadata coalesces the progress ticks of a document that arrive in one batch.
    for (let seq = 3; seq <= 5; seq += 1) {
      await backend.advance(tenantA, documentId);
      await eventually(() => expect(watcher.of(documentId)).toContain(seq));
    }
    // Once the watcher has seen seq 5 live, nothing of this document is in flight any more.
    expect(watcher.of(documentId)).toEqual([1, 2, 3, 4, 5]);

    const again = await connect(keyA);
    const reply = await again.subscribe(documentId, 2);

    expect(reply).toEqual({ ok: true, replayed: 3, lastSeq: 5 });
    expect(again.of(documentId)).toEqual([3, 4, 5]); // replayed entries arrive before the reply
    expect(again.received.map((entry) => entry.type)).toEqual(['document.progressed', 'document.progressed', 'document.progressed']);
    await settle();
    expect(again.of(documentId)).toEqual([3, 4, 5]);

    // Live entries follow the replay.
    await backend.advance(tenantA, documentId);
    await eventually(() => expect(again.of(documentId)).toEqual([3, 4, 5, 6]));
  });

  it('runs several instances side by side, each delivering every entry once to its own sockets', async () => {
    const secondUrl = await startInstance();
    const onFirst = await connect(keyB, url);
    const onSecond = await connect(keyB, secondUrl);
    const documentId = await backend.registerDocument(tenantB);

    await backend.advance(tenantB, documentId);

    await eventually(() => {
      expect(onFirst.of(documentId)).toEqual([1]);
      expect(onSecond.of(documentId)).toEqual([1]);
    });
    await settle();
    expect(onFirst.of(documentId)).toEqual([1]);
    expect(onSecond.of(documentId)).toEqual([1]);
  });
});
