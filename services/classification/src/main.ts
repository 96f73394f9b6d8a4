import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { ClassificationModule } from './classification.module';

const config = loadConfig(configSchema);
void startService({
  name: 'classification',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => ClassificationModule.register(config, logger),
});
