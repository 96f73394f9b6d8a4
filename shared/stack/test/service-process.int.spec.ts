import { fetchReadiness, isolatedVhost, startServiceProcess, type IsolatedVhost } from '../src';
import { isAlive } from '../src/processes';

describe('startServiceProcess', () => {
  let vhost: IsolatedVhost;

  beforeAll(async () => {
    vhost = await isolatedVhost('stack');
  });

  afterAll(() => vhost.remove());

  it('runs a service from its sources on a free port until it is stopped', async () => {
    const service = await startServiceProcess('notification', { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'info' });
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await fetchReadiness(service.url)).toMatchObject({ status: 'ready' });
      expect(service.logs).toContainEqual(expect.objectContaining({ event: 'service.started', service: 'notification' }));
    } finally {
      await service.stop();
    }
    expect(isAlive(service.pid)).toBe(false);
  });

  it('reports the output of a service that cannot start', async () => {
    await expect(startServiceProcess('notification', { ...process.env, RABBITMQ_URL: 'not a url' })).rejects.toThrow(
      /Service notification exited .* before it was ready[\s\S]*RABBITMQ_URL/,
    );
  });
});
