import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { IndexingModule } from './indexing.module';

const config = loadConfig(configSchema);
void startService({
  name: 'indexing',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => IndexingModule.register(config, logger),
});
