import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { NotificationModule } from './notification.module';

const config = loadConfig(configSchema);
void startService({
  name: 'notification',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => NotificationModule.register(config, logger),
});
