import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import helmet from 'helmet';

export interface HttpSecurityOptions {
  /** Origins allowed to call the API from a browser page of theirs; empty: same origin only. */
  corsOrigins: readonly string[];
  /** Proxies whose X-Forwarded-For names the client (Express "trust proxy" values); empty: the peer is the client. */
  trustedProxies?: readonly string[];
}

const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The page's own host over websockets: 'self' covers ws: only in newer browsers. */
function sameHostSockets(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  // The Host header goes into a response header: anything but a plain host[:port] is left out.
  return plainHost.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * Security headers for the API, the web UI and the Swagger UI at /api/docs (helmet), and CORS for the
 * listed origins only. Registered before every other middleware, so static files get the headers too.
 */
export function secureHttp(app: INestApplication, options: HttpSecurityOptions): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('trust proxy', options.trustedProxies?.length ? [...options.trustedProxies] : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // The Swagger UI page carries an inline <style>; scripts stay same-origin only.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", sameHostSockets],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // The gateway is also run on plain http (local, behind a TLS proxy that sets HSTS itself).
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  if (options.corsOrigins.length === 0) return;
  app.enableCors({
    origin: [...options.corsOrigins],
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'x-api-key', 'content-type', 'x-correlation-id'],
    exposedHeaders: ['x-correlation-id', 'retry-after', 'content-disposition'],
    maxAge: 600,
  });
}
