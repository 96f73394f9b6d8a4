import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { AskQuestion } from '@docpipe/contracts';
import { BrokerConnection, RpcServer } from '@docpipe/events';
import { AppError, createLogger, loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { configSchema } from '../src/config';
import { GatewayModule } from '../src/gateway.module';
import { serveOpenApi } from '../src/openapi';
import { rawPost } from './support/http';
import { multipartBody } from './support/multipart';
import { listKeys, removePrefix } from './support/object-store';

/**
 * The gateway alone on its own vhost: nothing answers its requests, which is exactly what the
 * 503 tests need; everything else here is decided by the gateway before any other service is asked.
 */
describe('the gateway on its own', () => {
  const tenant = `gw-alone-${randomBytes(4).toString('hex')}`;
  const key = `key-${randomBytes(8).toString('hex')}`;
  const auth = { authorization: `Bearer ${key}` };
  const someId = '3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10';
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    vhost = await isolatedVhost('gateway');
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      API_KEYS: `${tenant}:${key}`,
      MAX_UPLOAD_MB: '1',
      REQUEST_TIMEOUT_MS: '300',
    });
    app = await startService({
      name: 'gateway',
      port: 0,
      logLevel: 'silent',
      module: (logger) => GatewayModule.register(config, logger),
      configure: serveOpenApi,
    });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await vhost?.remove();
    await removePrefix(`staging/${tenant}/`);
  });

  const stagedKeys = () => listKeys(`staging/${tenant}/`);

  it('starts, connects to RabbitMQ and the object store and reports ready', async () => {
    expect(await fetchReadiness(url)).toEqual({ status: 'ready', checks: { rabbitmq: 'ok', 'object-store': 'ok' } });
  });

  it('echoes a caller’s correlation id and makes one up when there is none or it is unsafe', async () => {
    const echoed = await fetch(`${url}/health/live`, { headers: { 'x-correlation-id': 'client-abc-123' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('client-abc-123');
    const generated = await fetch(`${url}/health/live`);
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${url}/health/live`, { headers: { 'x-correlation-id': 'a b;c' } });
    expect(unsafe.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes every route of the API, with its parameters and API-key security, in its OpenAPI document', async () => {
    const response = await fetch(`${url}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[]; security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/documents',
        'GET /api/v1/documents',
        'GET /api/v1/documents/{id}',
        'DELETE /api/v1/documents/{id}',
        'PATCH /api/v1/documents/{id}',
        'GET /api/v1/documents/{id}/download',
        'GET /api/v1/documents/{id}/text',
        'GET /api/v1/documents/{id}/thumbnail',
        'GET /api/v1/documents/{id}/pages/{page}/image',
        'GET /api/v1/admin/pipeline',
        'GET /api/v1/me',
        'GET /api/v1/documents/{id}/wait',
        'GET /api/v1/documents/{id}/timeline',
        'GET /api/v1/documents/{id}/similar',
        'POST /api/v1/documents/{id}/reprocess',
        'POST /api/v1/documents/{id}/cancel',
        'GET /api/v1/search',
        'POST /api/v1/ask',
        'GET /health/live',
        'GET /health/ready',
      ]),
    );
    const list = document.paths['/api/v1/documents']!.get!;
    expect(list.parameters?.map((parameter) => parameter.name)).toEqual([
      'status',
      'stalled',
      'type',
      'tag',
      'from',
      'to',
      'q',
      'sort',
      'page',
      'size',
      'facets',
    ]);
    expect(list.parameters).toContainEqual(
      expect.objectContaining({
        name: 'size',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      }),
    );
    const cancel = document.paths['/api/v1/documents/{id}/cancel']!.post!;
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(list.responses).toHaveProperty('200');
    expect(list.responses).toHaveProperty('401');
    expect(document.paths['/api/v1/documents']!.post!.responses).toHaveProperty('413');
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'api-key']));
    expect((await fetch(`${url}/api/docs`)).status).toBe(200);
  });

  it('answers 401 with a JSON error without an API key or with a wrong one, and takes the key as Bearer or x-api-key', async () => {
    const none = await fetch(`${url}/api/v1/documents`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') } });
    const wrong = await fetch(`${url}/api/v1/documents`, { headers: { 'x-api-key': 'not-the-key' } });
    expect(wrong.status).toBe(401);
    // Past authentication, nothing answers behind the gateway: 503, not 401.
    expect((await fetch(`${url}/api/v1/documents`, { headers: { 'x-api-key': key } })).status).toBe(503);
    expect((await fetch(`${url}/api/v1/documents`, { headers: auth })).status).toBe(503);
  });

  it('answers 503 with a clear message when the service behind does not answer', async () => {
    const response = await fetch(`${url}/api/v1/documents/${someId}`, { headers: auth });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: 'timeout', message: expect.stringMatching(/did not answer in time .*try again/) },
    });
    const search = await fetch(`${url}/api/v1/search?q=invoice`, { headers: auth });
    expect(search.status).toBe(503);
  });

  it('streams an answer’s passages as search sends them, and ends the stream with an error event when it then fails', async () => {
    const passage = { id: 'd1:0', documentId: someId, fileName: 'lease.txt', page: 1, text: 'The rent is 900 EUR a month.', score: 0.9 };
    const connection = new BrokerConnection({
      url: vhost.url,
      connectionName: 'search-stand-in',
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    const search = new RpcServer(
      connection,
      'search',
      new Map([
        [
          AskQuestion.name,
          {
            contract: AskQuestion,
            handle: async (_request: unknown, report: (progress: unknown) => void) => {
              report({ passages: [passage] });
              throw new AppError('search_index_unavailable', 'The search index is unreachable');
            },
          },
        ],
      ]),
      { prefetch: 1, logger: createLogger({ service: 'test', level: 'silent' }) },
    );
    await search.start();
    connection.start();
    // The gateway's own connection too: run alone, this test may come before the readiness test.
    await Promise.all([connection.whenConnected(), fetchReadiness(url)]);
    try {
      const response = await fetch(`${url}/api/v1/ask`, {
        method: 'POST',
        headers: { ...auth, accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'How much is the rent?' }),
      });

      expect(response.status).toBe(200);
      expect(await response.text()).toBe(
        `event: passages\ndata: ${JSON.stringify({ passages: [passage] })}\n\n` +
          `event: error\ndata: ${JSON.stringify({ code: 'search_index_unavailable', message: 'The search index is unreachable' })}\n\n`,
      );
    } finally {
      await search.stop();
      await connection.close();
    }
  });

  it('refuses invalid ids and query parameters with 400 and says what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/documents/not-a-uuid', /document id.*UUID/],
      ['/api/v1/documents?size=1000', /size/],
      ['/api/v1/documents?status=sleeping', /status/],
      ['/api/v1/documents?from=yesterday', /from.*ISO 8601/],
      ['/api/v1/documents?colour=red', /colour/],
      [`/api/v1/documents/${someId}/wait?timeout=61`, /timeout/],
      ['/api/v1/search', /q/],
      ['/api/v1/search?q=x&mode=psychic', /mode/],
    ];
    for (const [path, message] of cases) {
      const response = await fetch(`${url}${path}`, { headers: auth });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(await response.json()).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(message) } });
    }
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${url}/api/v1/nothing-here`, { headers: auth });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('refuses an upload that is not multipart/form-data with 415', async () => {
    const response = await fetch(`${url}/api/v1/documents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/pdf' },
      body: 'x',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: 'multipart_required', message: expect.stringContaining('multipart/form-data') },
    });
  });

  it('answers 413 from the Content-Length alone, before any of the body is sent', async () => {
    const { contentType } = multipartBody([]);
    const answer = await rawPost(`${url}/api/v1/documents`, {
      ...auth,
      'content-type': contentType,
      'content-length': String(5 * 1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'payload_too_large', message: expect.stringMatching(/at most 1 MB.*5\.0 MB/) },
    });
    expect(await stagedKeys()).toEqual([]);
  });

  it('answers 413 when a body without Content-Length grows past the limit, and removes what it had staged', async () => {
    const { contentType, body } = multipartBody(
      [
        { fileName: 'small.txt', content: Buffer.from('fits easily\n') },
        { fileName: 'huge.txt', content: () => zeros(4 * 1024 * 1024) },
      ],
      { tags: 'a' },
    );
    const answer = await rawPost(`${url}/api/v1/documents`, { ...auth, 'content-type': contentType, 'transfer-encoding': 'chunked' }, body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'payload_too_large', message: expect.stringContaining('at most 1 MB') } });
    expect(await stagedKeys()).toEqual([]);
  });

  it('refuses a form without a file, an unknown field or bad tags/metadata with 400, keeping nothing', async () => {
    const file = { fileName: 'a.txt', content: Buffer.from('hello') };
    const cases: [Parameters<typeof multipartBody>, RegExp][] = [
      [[[], { tags: 'a' }], /no file/],
      [[[file], { colour: 'red' }], /Unknown form field colour/],
      [[[file], { tags: '["ok", 3]' }], /tags/],
      [[[file], { metadata: '[1,2]' }], /metadata/],
      [[[file], { metadata: '{not json' }], /metadata.*JSON/],
    ];
    for (const [[files, fields], message] of cases) {
      const { contentType, body } = multipartBody(files, fields);
      const answer = await rawPost(`${url}/api/v1/documents`, { ...auth, 'content-type': contentType }, body);
      expect({ fields, status: answer.status }).toEqual({ fields, status: 400 });
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(message) } });
    }
    expect(await stagedKeys()).toEqual([]);
  });

  it('answers 503 for an upload metadata does not record in time, and keeps no staged copy', async () => {
    const { contentType, body } = multipartBody([{ fileName: 'a.txt', content: Buffer.from('hello there') }]);
    const answer = await rawPost(`${url}/api/v1/documents`, { ...auth, 'content-type': contentType }, body);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { code: 'timeout', message: expect.stringContaining('try again') },
      documents: [{ fileName: 'a.txt', error: { code: 'timeout' } }],
    });
    expect(await stagedKeys()).toEqual([]);
  });
});

async function* zeros(total: number): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'z');
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}
