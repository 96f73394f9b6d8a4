import { isolatedVhost, startServiceProcess, type IsolatedVhost, type ServiceProcess } from '@docpipe/stack';
import { connectClient } from './support/clients';

describe('the notification service process', () => {
  let vhost: IsolatedVhost;
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    await vhost?.remove();
  });

  it('starts from main.ts, reports ready and accepts a socket with the development key', async () => {
    vhost = await isolatedVhost('notification');
    const { API_KEYS: _unset, ...env } = process.env;
    service = await startServiceProcess('notification', { ...env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'warn' });

    const client = await connectClient(service.url, { token: 'dev-key' });
    expect(client.socket.connected).toBe(true);
    client.close();
    expect(service.logs.some((line) => line.event === 'auth.dev-key')).toBe(true);
  });
});
