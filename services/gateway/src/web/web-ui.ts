import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from '@docpipe/platform';

export interface WebUiOptions {
  /** The built UI (`vite build` output of web/). */
  distDir: string;
  /** The notification service, whose socket.io server the UI reaches through the gateway's origin. */
  notificationUrl: string;
}

/** Paths the UI never answers: the API, health, metrics and the live socket keep their own 404s. */
const NOT_UI = /^\/(api|health|metrics|socket\.io)(\/|$)/;

/**
 * Serves the web UI at / (client routes fall back to index.html) and proxies /socket.io, polling and
 * websocket upgrades, to the notification service, so the browser talks to one origin with one API key.
 * Registered before Nest's routes and body parsers, which must not consume the proxied bodies.
 */
export function serveWebUi(app: INestApplication, options: WebUiOptions, logger: Logger): void {
  const socketProxy = createProxyMiddleware<Request, Response>({
    target: options.notificationUrl,
    pathFilter: '/socket.io',
    // The notification service counts failed handshakes per client (TRUSTED_PROXIES), not per gateway.
    xfwd: true,
    on: {
      error: (error, _request, response) => {
        logger.warn({ err: error, event: 'web.socket-proxy-failed' }, 'could not reach the notification service');
        if ('writeHead' in response && !response.headersSent) response.writeHead(502).end('The notification service is not reachable');
        else response.end();
      },
    },
  });
  app.use(socketProxy);
  (app.getHttpServer() as Server).on('upgrade', socketProxy.upgrade);

  const index = join(options.distDir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ event: 'web.not-built', distDir: options.distDir }, 'the web UI is not built: run `npm run build -w @docpipe/web`');
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (!isUiRoute(request)) return next();
      response
        .status(503)
        .type('text/plain')
        .send(`The web UI is not built (no ${index}). Run \`npm run build -w @docpipe/web\` and restart the gateway.`);
    });
    return;
  }
  (app as NestExpressApplication).useStaticAssets(options.distDir, {
    index: false,
    maxAge: '1h',
    immutable: false,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isUiRoute(request)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/** A page the client router draws: a GET for HTML outside the server's own paths, and not a missing asset. */
function isUiRoute(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (NOT_UI.test(request.path)) return false;
  return !/\.[a-z0-9]+$/i.test(request.path) && Boolean(request.accepts('html'));
}
