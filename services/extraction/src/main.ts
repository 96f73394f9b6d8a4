import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { ExtractionModule } from './extraction.module';

const config = loadConfig(configSchema);
void startService({
  name: 'extraction',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => ExtractionModule.register(config, logger),
});
