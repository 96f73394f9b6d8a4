import { randomBytes, randomUUID } from 'node:crypto';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { connectClient, type TestClient } from './support/clients';
import { startNotification, type RunningNotification } from './support/in-process';

/** What a hostile probe found on the socket endpoint (issue #16): huge numbers, unthrottled handshakes and subscribes. */
describe('hostile socket clients', () => {
  const tenant = `hostile-ws-${randomBytes(3).toString('hex')}`;
  const key = `wk-${randomBytes(12).toString('hex')}`;
  let vhost: IsolatedVhost;
  let notification: RunningNotification;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    vhost = await isolatedVhost('notification-hostile');
    notification = await startNotification({
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${key}`,
      AUTH_FAILURES_PER_MINUTE: '3',
      SUBSCRIBES_PER_MINUTE: '5',
      // Lets the test speak for several client addresses through X-Forwarded-For.
      TRUSTED_PROXIES: 'loopback',
    });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await notification?.app.close();
    await vhost?.remove();
  });

  async function connect(address: string, token: string): Promise<TestClient> {
    const client = await connectClient(notification.url, { token, headers: { 'x-forwarded-for': address } });
    clients.push(client);
    return client;
  }

  it('answers a huge afterSeq with invalid_request, not an internal error', async () => {
    const client = await connect('192.0.2.1', key);
    for (const afterSeq of [1e20, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      await expect(client.subscribe(randomUUID(), afterSeq)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });

  it('throttles handshakes with wrong keys per client address, and only that address', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 3; i += 1) {
      await expect(connect(attacker, `wrong-${randomUUID()}`)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    }
    await expect(connect(attacker, `wrong-${randomUUID()}`)).rejects.toMatchObject({
      data: { code: 'too_many_auth_failures', retryAfterSeconds: expect.any(Number) },
    });
    await expect(connect(attacker, key)).rejects.toMatchObject({ data: { code: 'too_many_auth_failures' } });
    expect((await connect('203.0.113.10', key)).socket.connected).toBe(true);
  });

  it('limits the subscribes of one connection, not those of another', async () => {
    const flooding = await connect('192.0.2.2', key);
    const replies = [];
    for (let i = 0; i < 6; i += 1) replies.push(await flooding.subscribe('not-a-uuid', 0));
    expect(replies.map((reply) => (reply.ok ? 'ok' : reply.error.code))).toEqual([...Array(5).fill('invalid_request'), 'rate_limited']);
    const other = await connect('192.0.2.2', key);
    await expect(other.subscribe('not-a-uuid', 0)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
