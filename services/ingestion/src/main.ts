import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { IngestionModule } from './ingestion.module';

const config = loadConfig(configSchema);
void startService({
  name: 'ingestion',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => IngestionModule.register(config, logger),
});
