import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { MetadataModule } from './metadata.module';

const config = loadConfig(configSchema);
void startService({
  name: 'metadata',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => MetadataModule.register(config, logger),
});
