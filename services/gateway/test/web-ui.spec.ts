import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { startService } from '@docpipe/platform';
import { serveWebUi } from '../src/web/web-ui';

@Controller('api/v1/ping')
class PingController {
  @Get()
  ping(): { pong: true } {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class ApiStandIn {}

const INDEX = '<!doctype html><div id="root"></div>';

/** serveWebUi on a bare Nest app: static files, client-route fallback, and /socket.io proxied to a socket.io server. */
describe('the web UI as the gateway serves it', () => {
  let distDir: string;
  let notification: HttpServer;
  let notificationUrl: string;
  let notificationServer: Server;
  const apps: INestApplication[] = [];
  const sockets: Socket[] = [];

  const start = async (dir: string): Promise<string> => {
    const app = await startService({
      name: 'gateway',
      port: 0,
      logLevel: 'silent',
      module: () => ({ module: ApiStandIn }),
      configure: (nest, logger) => serveWebUi(nest, { distDir: dir, notificationUrl }, logger),
    });
    apps.push(app);
    return app.getUrl();
  };

  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'docpipe-web-dist-'));
    await mkdir(join(distDir, 'assets'));
    await writeFile(join(distDir, 'index.html'), INDEX);
    await writeFile(join(distDir, 'assets', 'app.js'), 'console.log(1)');
    notification = createServer();
    notificationServer = new Server(notification);
    notificationServer.on('connection', (socket) => socket.emit('hello', { token: (socket.handshake.auth as { token?: string }).token }));
    await new Promise<void>((resolve) => notification.listen(0, '127.0.0.1', resolve));
    notificationUrl = `http://127.0.0.1:${(notification.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    // A polling client's goodbye is a request in flight through the proxy: closing before it lands waits for the next ping.
    while (notificationServer.engine.clientsCount > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(apps.map((app) => app.close()));
    await new Promise((resolve) => notification.close(resolve));
    await rm(distDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, the built assets as files, and leaves /api and /health alone', async () => {
    const url = await start(distDir);
    for (const path of ['/', '/search', '/documents/3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10']) {
      const response = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
      expect([path, response.status, await response.text()]).toEqual([path, 200, INDEX]);
    }
    expect(await (await fetch(`${url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/health/live`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toContain(
      'application/json',
    );
    expect(await (await fetch(`${url}/api/v1/ping`, { headers: { accept: 'text/html' } })).json()).toEqual({
      pong: true,
    });
    const unknownApi = await fetch(`${url}/api/v1/nothing`, { headers: { accept: 'text/html' } });
    expect([unknownApi.status, unknownApi.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/json')]);
  });

  it.each([['websocket'], ['polling']])(
    'proxies socket.io over %s to the notification service with the client’s auth',
    async (transport) => {
      const url = await start(distDir);
      const socket = connect(url, {
        auth: { token: 'the-key' },
        transports: [transport],
        reconnection: false,
      });
      sockets.push(socket);
      const hello = await new Promise((resolve, reject) => {
        socket.once('hello', resolve);
        socket.once('connect_error', reject);
      });
      expect(hello).toEqual({ token: 'the-key' });
    },
  );

  it('answers UI paths with 503 and how to build the UI when it is not built, and still serves the API', async () => {
    const url = await start(join(distDir, 'not-built'));
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build -w @docpipe/web');
    expect((await fetch(`${url}/api/v1/ping`)).status).toBe(200);
  });
});
