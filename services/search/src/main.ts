import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { SearchModule } from './search.module';

const config = loadConfig(configSchema);
void startService({
  name: 'search',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  module: (logger) => SearchModule.register(config, logger),
});
