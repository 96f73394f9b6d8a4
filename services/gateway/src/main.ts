import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './openapi';

const config = loadConfig(configSchema);
void startService({
  name: 'gateway',
  port: config.PORT,
  logLevel: config.LOG_LEVEL,
  module: (logger) => GatewayModule.register(config, logger),
  configure: serveOpenApi,
});
