import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentView } from '@docpipe/contracts';
import { loadConfig } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, Fleet, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';

const SERVICES = ['gateway', 'ingestion', 'metadata', 'extraction', 'classification', 'indexing', 'notification', 'search'];

interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** The part of an OTLP/HTTP JSON export (ExportTraceServiceRequest) this test reads. */
interface TraceExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { name: string; traceId: string; spanId: string; parentSpanId?: string }[] }[];
  }[];
}

/** A stand-in OpenTelemetry collector: accepts OTLP/HTTP JSON on /v1/traces and keeps the spans. */
async function startCollector(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; rejected: string[] }> {
  const spans: ReceivedSpan[] = [];
  const rejected: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url !== '/v1/traces' || request.headers['content-type'] !== 'application/json') {
        rejected.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
        response.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TraceExport;
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '?';
        for (const { spans: batch } of scopeSpans) for (const span of batch) spans.push({ service, ...span });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, rejected };
}

describe('one upload is one trace across the eight services (OTLP export on)', () => {
  const tenant = { tenant: 'e2e-trace', key: `key-t-${randomBytes(8).toString('hex')}` };
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let fleet: Fleet;
  const headers = { authorization: `Bearer ${tenant.key}` };

  beforeAll(async () => {
    [vhost, database, lanceDir, collector] = await Promise.all([
      isolatedVhost('e2e-trace'),
      isolatedDatabase('e2e_trace'),
      mkdtemp(join(tmpdir(), 'docpipe-e2e-trace-lance-')),
      startCollector(),
    ]);
    fleet = await Fleet.start(
      {
        ...process.env,
        RABBITMQ_URL: vhost.url,
        DATABASE_URL: database.url,
        LANCE_DIR: lanceDir,
        API_KEYS: `${tenant.tenant}:${tenant.key}`,
        OLLAMA_HOST: '',
        OPENSEARCH_URL: '',
        LOG_LEVEL: 'warn',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        // The SDK's standard batch delay (5 s by default): exports while the test waits, not only at shutdown.
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
      () => undefined,
    );
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    collector?.server.close();
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant.tenant}/`);
  });

  it('traces an upload from the gateway request through every service, and a search sent in that trace', async () => {
    const gateway = fleet.url('gateway');
    const form = new FormData();
    form.append(
      'files',
      new Blob(['Minutes of the harbour board meeting about the new lighthouse keeper.'], { type: 'text/plain' }),
      'minutes.txt',
    );
    const upload = await fetch(`${gateway}/api/v1/documents`, { method: 'POST', headers, body: form });
    expect(upload.status).toBe(202);
    const [document] = ((await upload.json()) as { documents: { id: string }[] }).documents;
    const view = await waitUntilSettled(gateway, document!.id);
    expect(view.status).toBe('indexed');

    // The upload request is the root: the gateway's SERVER span, without a parent.
    const [root] = await eventually(() => {
      const found = collector.spans.filter((span) => span.service === 'gateway' && span.name === 'POST /api/v1/documents');
      return found.length === 1 ? found : undefined;
    });
    expect(root!.parentSpanId ?? '').toBe('');
    // Search does no work for an upload: it joins when a caller asks it something in the same trace (W3C traceparent).
    const search = await fetch(`${gateway}/api/v1/search?q=lighthouse`, {
      headers: { ...headers, traceparent: `00-${root!.traceId}-${root!.spanId}-01` },
    });
    expect(search.status).toBe(200);

    const inTrace = await eventually(() => {
      const spans = collector.spans.filter((span) => span.traceId === root!.traceId);
      const services = new Set(spans.map((span) => span.service));
      return SERVICES.every((service) => services.has(service)) ? spans : undefined;
    });
    // One tree: every span but the root has its parent among the trace's spans.
    const ids = new Set(inTrace.map((span) => span.spanId));
    expect(
      inTrace.filter((span) => span !== root && !ids.has(span.parentSpanId ?? '')).map((span) => `${span.service}: ${span.name}`),
    ).toEqual([]);
    // Each hop is the child of the one that caused it; metadata's outbox relay publishes in the registering request's trace.
    const parentOf = (name: string) => {
      const span = inTrace.find((candidate) => candidate.name === name);
      const parent = inTrace.find((candidate) => candidate.spanId === span?.parentSpanId);
      return parent && `${parent.service}: ${parent.name}`;
    };
    expect(
      [
        'metadata.register-document request',
        'metadata.register-document answer',
        'document.received.v1 publish',
        'ingestion.ingest-upload process',
        'document.uploaded.v1 publish',
        'extraction.extract-text process',
        'classification.classify-document process',
        'indexing.index-document process',
        'live document.timeline-appended.v1 process',
        'search.query answer',
      ].map((name) => [name, parentOf(name)]),
    ).toEqual([
      ['metadata.register-document request', 'gateway: POST /api/v1/documents'],
      ['metadata.register-document answer', 'gateway: metadata.register-document request'],
      ['document.received.v1 publish', 'metadata: metadata.register-document answer'],
      ['ingestion.ingest-upload process', 'metadata: document.received.v1 publish'],
      ['document.uploaded.v1 publish', 'ingestion: ingestion.ingest-upload process'],
      ['extraction.extract-text process', 'ingestion: document.uploaded.v1 publish'],
      ['classification.classify-document process', 'extraction: document.extracted.v2 publish'],
      ['indexing.index-document process', 'classification: document.classified.v2 publish'],
      ['live document.timeline-appended.v1 process', 'metadata: document.timeline-appended.v1 publish'],
      ['search.query answer', 'gateway: search.query request'],
    ]);
    // Probes and scrapes are not traced (the fleet polled every service's /health/ready).
    expect(collector.spans.filter((span) => /health|metrics/.test(span.name))).toEqual([]);
    expect(collector.rejected).toEqual([]);
  });

  async function waitUntilSettled(gateway: string, id: string): Promise<DocumentView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(`${gateway}/api/v1/documents/${id}/wait?timeout=30`, { headers });
      const view = (await response.json()) as DocumentView;
      if (response.status === 200 || Date.now() > deadline) return view;
    }
  }
});

async function eventually<T>(found: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = found();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`not found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
