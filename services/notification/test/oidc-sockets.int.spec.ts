import { randomBytes } from 'node:crypto';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { startTestIssuer, type TestIssuer } from '@docpipe/testing';
import { connectClient, eventually, type TestClient } from './support/clients';
import { startNotification, type RunningNotification } from './support/in-process';

/** Socket handshakes with bearer JWTs from an OIDC issuer this test runs itself. */
describe('socket handshakes with an OIDC issuer’s tokens', () => {
  const tenant = `oidc-ws-${randomBytes(3).toString('hex')}`;
  let issuer: TestIssuer;
  let vhost: IsolatedVhost;
  let notification: RunningNotification;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    [issuer, vhost] = await Promise.all([startTestIssuer(), isolatedVhost('notification-oidc')]);
    notification = await startNotification({
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:ws-key-${randomBytes(8).toString('hex')}`,
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: issuer.audience,
      OIDC_CLOCK_SKEW_SECONDS: '0',
    });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await notification?.app.close();
    await issuer?.stop();
    await vhost?.remove();
  });

  const connect = async (token: string) => {
    const client = await connectClient(notification.url, { token });
    clients.push(client);
    return client;
  };

  it('connects with a valid token and closes the socket when the token expires', async () => {
    const client = await connect(await issuer.sign({ tenant, roles: ['read'], expiresIn: 2 }));
    expect(client.socket.connected).toBe(true);
    await eventually(() => expect(client.socket.connected).toBe(false), 10_000);
  });

  it.each([
    ['expired', { tenant, roles: ['read'], expiresIn: -60 }],
    ['for another audience', { tenant, roles: ['read'], aud: 'another-api' }],
    ['signed with a foreign key', { tenant, roles: ['read'], foreignKey: true }],
    ['without a tenant claim', { roles: ['read'] }],
  ])('refuses a token %s with connect_error unauthorized', async (_case, claims) => {
    await expect(connect(await issuer.sign(claims))).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('refuses a token whose roles do not grant read with connect_error forbidden', async () => {
    await expect(connect(await issuer.sign({ tenant, roles: ['write'] }))).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});
