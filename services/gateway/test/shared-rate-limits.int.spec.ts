import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, freePort, isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';

/**
 * Rate limits with RATE_LIMIT_DATABASE_URL: one budget per key, and one count of failed sign-ins per address, across
 * gateway instances; per instance while the database is away.
 */
describe('request rates and failed sign-ins shared by gateway instances', () => {
  const tenant = `rates-${randomBytes(3).toString('hex')}`;
  const key = `rk-${randomBytes(12).toString('hex')}`;
  const otherKey = `rk-${randomBytes(12).toString('hex')}`;
  const apps: INestApplication[] = [];
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;

  async function startGateway(databaseUrl: string, logLines?: string[]): Promise<string> {
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${key},${tenant}-other:${otherKey}`,
      RATE_LIMIT_PER_MINUTE: '3',
      AUTH_FAILURES_PER_MINUTE: '4',
      RATE_LIMIT_DATABASE_URL: databaseUrl,
      // No metadata runs: an admitted request answers 503 quickly, a refused one 429.
      REQUEST_TIMEOUT_MS: '200',
    });
    const logger = createLogger({ service: 'gateway', destination: { write: (line: string) => void logLines?.push(line) } });
    const app = await startService({
      name: 'gateway',
      port: 0,
      logLevel: 'silent',
      module: () => GatewayModule.register(config, logger),
    });
    apps.push(app);
    const url = await app.getUrl();
    await fetchReadiness(url);
    return url;
  }

  const list = (url: string, apiKey: string) => fetch(`${url}/api/v1/documents`, { headers: { 'x-api-key': apiKey } });

  beforeAll(async () => {
    vhost = await isolatedVhost('gw-rates');
    database = await isolatedDatabase('gw_rates');
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
    await vhost?.remove();
  });

  it('refuses on a second instance with 429 and Retry-After once the first used the key’s budget', async () => {
    const [first, second] = await Promise.all([startGateway(database.url), startGateway(database.url)]);
    for (let request = 0; request < 3; request += 1) expect((await list(first, key)).status).not.toBe(429);

    const refused = await list(second, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await list(second, otherKey)).status).not.toBe(429);
  });

  it('keeps the shared counts in their own schema, rate_limits', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ schema: string; table: string }>(
        `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(rows).toEqual([{ schema: 'rate_limits', table: 'counts' }]);
    } finally {
      await client.end();
    }
  });

  it('throttles wrong keys spread over two instances as if they hit one: the fifth answers 429 with Retry-After', async () => {
    const [first, second] = await Promise.all([startGateway(database.url), startGateway(database.url)]);
    const guesses = [first, second, first, second].map((url) => list(url, `guess-${randomBytes(8).toString('hex')}`));
    expect((await Promise.all(guesses)).map((response) => response.status)).toEqual([401, 401, 401, 401]);

    const refused = await list(first, `guess-${randomBytes(8).toString('hex')}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts per instance, and says so once, when the database cannot be reached', async () => {
    const logLines: string[] = [];
    const nowhere = `postgres://docpipe@127.0.0.1:${await freePort()}/nowhere`;
    const url = await startGateway(nowhere, logLines);
    for (let request = 0; request < 3; request += 1) expect((await list(url, key)).status).not.toBe(429);

    const refused = await list(url, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const warnings = logLines.map((line) => JSON.parse(line) as { event?: string; msg: string });
    expect(warnings.filter((entry) => entry.event === 'rate-limit.database-unreachable')).toEqual([
      expect.objectContaining({ msg: expect.stringContaining('RATE_LIMIT_DATABASE_URL cannot be reached') }),
    ]);
  });
});
