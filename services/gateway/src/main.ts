import 'reflect-metadata';
import { loadConfig, startService } from '@docpipe/platform';
import { configSchema } from './config';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './openapi';
import { secureHttp } from './security/http-security';
import { parseJsonBodies } from './security/json-body';
import { serveWebUi } from './web/web-ui';

const config = loadConfig(configSchema);
void startService({
  name: 'gateway',
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
  bodyParser: false,
  module: (logger) => GatewayModule.register(config, logger),
  configure: (app, logger) => {
    secureHttp(app, { corsOrigins: config.CORS_ORIGINS, trustedProxies: config.TRUSTED_PROXIES });
    parseJsonBodies(app);
    serveOpenApi(app);
    serveWebUi(app, { distDir: config.WEB_DIST_DIR, notificationUrl: config.NOTIFICATION_URL }, logger);
  },
});
