import type { INestApplication } from '@nestjs/common';
import { loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness } from '@docpipe/stack';
import { configSchema } from '../../src/config';
import { NotificationModule } from '../../src/notification.module';

export interface RunningNotification {
  app: INestApplication;
  url: string;
}

/** The notification service in the test's own process, configured from the environment plus `env`, once ready. */
export async function startNotification(env: Record<string, string>): Promise<RunningNotification> {
  const config = loadConfig(configSchema, { ...process.env, ...env });
  const app = await startService({
    name: 'notification',
    port: 0,
    logLevel: 'silent',
    module: (logger) => NotificationModule.register(config, logger),
  });
  const url = await app.getUrl();
  expect(await fetchReadiness(url)).toEqual({ status: 'ready', checks: { rabbitmq: 'ok' } });
  return { app, url };
}
