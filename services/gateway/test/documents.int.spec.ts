import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PDFDocument } from 'pdf-lib';
import { BrokerConnection, EventPublisher, queues } from '@docpipe/events';
import { DocumentFailed } from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import {
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { rawPost } from './support/http';
import { multipartBody, type FilePart } from './support/multipart';
import { listKeys, putObject, removePrefix, sha256, sha256Of } from './support/object-store';
import { compileService, nodePathForCompiled } from './support/compiled-service';

interface Accepted {
  fileName: string;
  id: string;
  status: string;
  mediaType: string;
  statusUrl: string;
  correlationId: string;
  duplicateOf?: string;
}

interface UploadBody {
  documents: (Accepted | { fileName: string; error: { code: string; message: string } })[];
  error?: { code: string; message: string };
}

const MB = 1024 * 1024;

/**
 * The real metadata, ingestion and gateway processes on their own vhost, database and tenants; the
 * gateway compiled to JavaScript as deployed, so its memory is its own and not a TypeScript loader's.
 */
describe('the document API with metadata and ingestion behind it', () => {
  const suffix = randomBytes(4).toString('hex');
  const tenant = `gw-docs-${suffix}`;
  const otherTenant = `gw-other-${suffix}`;
  const key = `key-a-${suffix}`;
  const otherKey = `key-b-${suffix}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  const services: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  let compiledDir: string | undefined;
  let pdf: Buffer;
  const text = Buffer.from(`A plain text document, number ${suffix}.\nIt has two lines.\n`);

  beforeAll(async () => {
    [vhost, database, pdf] = await Promise.all([isolatedVhost('gateway'), isolatedDatabase('gateway'), pdfSample(`Invoice ${suffix}`)]);
    const stack = { ...process.env, LOG_LEVEL: 'warn', RABBITMQ_URL: vhost.url, DATABASE_URL: database.url };
    services.push(...(await Promise.all([startServiceProcess('metadata', stack), startServiceProcess('ingestion', stack)])));
    compiledDir = await mkdtemp(join(tmpdir(), 'gateway-compiled-'));
    const main = await compileService('gateway', ['contracts', 'events', 'platform', 'storage'], compiledDir);
    const settings = { API_KEYS: `${tenant}:${key},${otherTenant}:${otherKey}`, MAX_UPLOAD_MB: '200', WAIT_POLL_MS: '100' };
    gateway = await startServiceProcess('gateway', { ...stack, ...settings, NODE_PATH: nodePathForCompiled }, { compiledMain: main });
    services.push(gateway);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await Promise.all([vhost?.remove(), database?.drop()]);
    for (const prefix of ['staging', 'originals', 'derived']) await removePrefix(`${prefix}/${tenant}/`);
    if (compiledDir) await rm(compiledDir, { recursive: true, force: true });
  }, 60_000);

  const api = (path: string, init: RequestInit = {}, apiKey = key) =>
    fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...init.headers } });

  async function upload(files: FilePart[], headers: Record<string, string> = {}, fields: Record<string, string> = {}) {
    const { contentType, body } = multipartBody(files, fields);
    const answer = await rawPost(
      `${gateway.url}/api/v1/documents`,
      { authorization: `Bearer ${key}`, 'content-type': contentType, ...headers },
      body,
    );
    return { ...answer, json: JSON.parse(answer.body) as UploadBody };
  }

  const accepted = (body: UploadBody, index = 0): Accepted => body.documents[index] as Accepted;
  const statusOf = async (document: Accepted) => ((await (await api(document.statusUrl)).json()) as { status: string }).status;
  /** Waits until ingestion has taken the document: its original stored (queued) or its bytes refused (rejected). */
  async function settled(document: Accepted, timeoutMs?: number): Promise<Accepted> {
    await eventually(async () => expect(await statusOf(document)).not.toBe('received'), timeoutMs);
    return document;
  }
  const originals = () => listKeys(`originals/${tenant}/`);
  const staged = () => listKeys(`staging/${tenant}/`);

  // First, on the freshly started gateway, so its memory is measured before other tests grow its heap.
  it('streams a 150 MB upload into the store with the gateway staying under 200 MB of memory', async () => {
    const size = 150 * MB;
    const hash = createHash('sha256');
    const line = Buffer.from(`A long text line of the big upload ${suffix}, repeated until it weighs 150 MB.\n`);
    const chunk = Buffer.alloc(64 * 1024, line);
    async function* bigText(): AsyncGenerator<Buffer> {
      for (let sent = 0; sent < size; sent += chunk.length) {
        hash.update(chunk);
        yield chunk;
      }
    }
    const baseline = await rssOf(gateway.pid);
    let peakRss = baseline;
    const sampler = setInterval(() => void rssOf(gateway.pid).then((rss) => (peakRss = Math.max(peakRss, rss))), 50);
    let answer: Awaited<ReturnType<typeof upload>>;
    try {
      answer = await upload([{ fileName: 'big.txt', content: bigText, contentType: 'text/plain' }]);
    } finally {
      clearInterval(sampler);
    }
    expect(answer.status).toBe(202);
    const document = accepted(answer.json);
    const view = (await (await api(document.statusUrl)).json()) as { sizeBytes: number; sha256: string };
    expect(view).toMatchObject({ sizeBytes: size, sha256: hash.digest('hex') });
    // Ingestion hashes and copies it after the answer; later tests count the stored originals.
    await settled(document, 90_000);
    console.log(`150 MB upload: gateway RSS ${(baseline / MB).toFixed(0)} MB before, ${(peakRss / MB).toFixed(0)} MB at most`);
    expect(peakRss).toBeLessThan(200 * MB);
  }, 120_000);

  it('takes a PDF and a text file in one request, answers their ids at once as received and then stores them byte for byte', async () => {
    const answer = await upload(
      [
        { fileName: 'invoice.pdf', content: pdf, contentType: 'application/pdf' },
        { fileName: 'notes.txt', content: text, contentType: 'text/plain' },
      ],
      {},
      { tags: 'finance,2026', metadata: '{"source":"scanner-3"}' },
    );
    expect(answer.status).toBe(202);
    const [first, second] = [accepted(answer.json, 0), accepted(answer.json, 1)];
    for (const [document, fileName, mediaType] of [
      [first, 'invoice.pdf', 'application/pdf'],
      [second, 'notes.txt', 'text/plain'],
    ] as const) {
      expect(document).toEqual({
        fileName,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'received',
        mediaType,
        statusUrl: `/api/v1/documents/${document.id}`,
        correlationId: answer.headers['x-correlation-id'],
      });
    }

    for (const [document, bytes] of [
      [first, pdf],
      [second, text],
    ] as const) {
      await settled(document);
      const view = await api(document.statusUrl);
      expect(view.status).toBe(200);
      expect(await view.json()).toMatchObject({
        id: document.id,
        status: 'queued',
        sha256: sha256(bytes),
        sizeBytes: bytes.length,
        tags: ['finance', '2026'],
        metadata: { source: 'scanner-3' },
      });
      expect(await sha256Of(`originals/${tenant}/${document.id}`)).toBe(sha256(bytes));
      const download = await api(`${document.statusUrl}/download`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(document.mediaType);
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="${document.fileName}"; filename*=UTF-8''${document.fileName}`,
      );
      // Someone else's bytes at our origin: never rendered with our privileges, never sniffed.
      expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    }
    await eventually(async () => expect(await staged()).toEqual([]));
  });

  it('answers the first document when the same content comes again, and keeps one stored copy', async () => {
    const before = await originals();
    const first = await settled(
      accepted((await upload([{ fileName: 'same.txt', content: Buffer.from(`same content ${suffix}\n`) }])).json),
    );
    const again = await upload([{ fileName: 'renamed.txt', content: Buffer.from(`same content ${suffix}\n`) }]);
    expect(again.status).toBe(202);
    expect(accepted(again.json)).toMatchObject({ id: first.id, duplicateOf: first.id, fileName: 'renamed.txt' });
    expect((await originals()).length).toBe(before.length + 1);
  });

  it('refuses an empty file at once (400), storing nothing', async () => {
    const before = await originals();
    const empty = await upload([{ fileName: 'empty.pdf', content: Buffer.alloc(0), contentType: 'application/pdf' }]);
    expect(empty.status).toBe(400);
    expect(empty.json.error).toEqual({ code: 'empty_file', message: expect.stringContaining('empty') });
    expect(await originals()).toEqual(before);
    await eventually(async () => expect(await staged()).toEqual([]));
  });

  it('takes every file of a mixed upload at once; one that is not what its name says ends rejected with the reason, stored nowhere', async () => {
    const before = await originals();
    const answer = await upload([
      { fileName: 'good.txt', content: Buffer.from(`good ${suffix}\n`) },
      { fileName: 'invoice.pdf', content: Buffer.concat([Buffer.from('MZ'), randomBytes(4094)]), contentType: 'application/pdf' },
    ]);
    expect(answer.status).toBe(202);
    expect(answer.json.documents).toEqual([
      expect.objectContaining({ fileName: 'good.txt', status: 'received' }),
      expect.objectContaining({ fileName: 'invoice.pdf', status: 'received', mediaType: 'application/pdf' }),
    ]);
    const [good, fake] = [await settled(accepted(answer.json, 0)), await settled(accepted(answer.json, 1))];
    expect(await statusOf(good)).toBe('queued');
    const view = await (await api(fake.statusUrl)).json();
    expect(view).toMatchObject({
      status: 'rejected',
      error: { stage: 'ingestion', code: 'unsupported_media_type', reason: expect.stringContaining('invoice.pdf'), retryable: false },
    });
    const { entries } = (await (await api(`${fake.statusUrl}/timeline`)).json()) as { entries: { type: string; status: string }[] };
    expect(entries).toEqual([expect.objectContaining({ type: 'document.rejected', status: 'rejected' })]);
    expect(await originals()).toEqual(expect.arrayContaining([...before, `originals/${tenant}/${good.id}`]));
    expect(await originals()).not.toContain(`originals/${tenant}/${fake.id}`);
    await eventually(async () => expect(await staged()).toEqual([]));
    expect((await api(`${fake.statusUrl}/reprocess`, { method: 'POST' })).status).toBe(409);
  });

  it('keeps ../../etc/passwd as a mere name: stored under a server-made key, offered back as "passwd"', async () => {
    const answer = await upload([
      { fileName: '../../etc/passwd', content: Buffer.from(`root:x:0:0:${suffix}\n`), contentType: 'text/plain' },
    ]);
    expect(answer.status).toBe(202);
    const document = await settled(accepted(answer.json));
    expect(document.fileName).toBe('passwd');
    expect(await listKeys(`originals/${tenant}/${document.id}`)).toEqual([`originals/${tenant}/${document.id}`]);
    expect((await listKeys('')).filter((key) => key.includes('etc/passwd'))).toEqual([]);
    const download = await api(`${document.statusUrl}/download`);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
  });

  it('keeps file names with accents and non-Latin letters as the browser sent them (UTF-8), in the answer, the list and the download', async () => {
    const names = ['Rechnung März.txt', '請求書 2026.txt', 'Счёт №7.txt'];
    const answer = await upload(
      names.map((fileName, i) => ({ fileName, content: Buffer.from(`${fileName} ${i} ${suffix}\n`), contentType: 'text/plain' })),
    );
    expect(answer.status).toBe(202);
    expect(answer.json.documents.map((document) => document.fileName)).toEqual(names);
    const stored = (await (await api(`/api/v1/documents?size=100`)).json()) as { items: { fileName: string }[] };
    expect(stored.items.map((item) => item.fileName)).toEqual(expect.arrayContaining(names));
    const download = await api(`${(await settled(accepted(answer.json))).statusUrl}/download`);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Rechnung M_rz.txt"; filename*=UTF-8''${encodeURIComponent('Rechnung März.txt')}`,
    );
  });

  it('answers a repeated Idempotency-Key with the first answer, without a second document', async () => {
    const idempotencyKey = `upload-${suffix}`;
    const first = await upload([{ fileName: 'once.txt', content: Buffer.from(`once ${suffix}\n`) }], { 'idempotency-key': idempotencyKey });
    expect(first.status).toBe(202);
    const total = async () => ((await (await api('/api/v1/documents?size=1')).json()) as { total: number }).total;
    const before = await total();
    const replay = await upload([{ fileName: 'twice.txt', content: Buffer.from(`something else ${suffix}\n`) }], {
      'idempotency-key': idempotencyKey,
    });
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(await total()).toBe(before);
  });

  it('lists documents page by page with filters', async () => {
    const tagged = await settled(
      accepted(
        (await upload([{ fileName: `findme-${suffix}.txt`, content: Buffer.from(`list me ${suffix}\n`) }], {}, { tags: '["needle"]' }))
          .json,
      ),
    );
    const byTag = (await (await api('/api/v1/documents?tag=needle')).json()) as { items: { id: string }[]; total: number };
    expect(byTag).toMatchObject({ total: 1, items: [{ id: tagged.id }] });
    const byName = (await (await api(`/api/v1/documents?q=findme-${suffix}`)).json()) as { items: { id: string }[] };
    expect(byName.items.map((item) => item.id)).toEqual([tagged.id]);
    const page = (await (await api('/api/v1/documents?status=queued&size=2&page=1')).json()) as {
      items: unknown[];
      total: number;
      size: number;
    };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect((await (await api('/api/v1/documents?status=indexed')).json()) as { total: number }).toMatchObject({ total: 0 });

    // Counts per status, type and tag, only when asked; the tag's own facet is counted as if no tag were chosen.
    expect(await (await api('/api/v1/documents?size=1')).json()).not.toHaveProperty('facets');
    const counted = (await (await api(`/api/v1/documents?q=findme-${suffix}&tag=needle&facets=true`)).json()) as {
      facets: Record<'status' | 'documentType' | 'tag', Array<{ value: string; count: number }>>;
    };
    expect(counted.facets).toEqual({ status: [{ value: 'queued', count: 1 }], documentType: [], tag: [{ value: 'needle', count: 1 }] });
    expect((await api('/api/v1/documents?facets=yes')).status).toBe(400);
  });

  it('hides another tenant’s documents: 404 on every route', async () => {
    const mine = await settled(accepted((await upload([{ fileName: 'private.txt', content: Buffer.from(`private ${suffix}\n`) }])).json));
    const path = `/api/v1/documents/${mine.id}`;
    for (const [route, method] of [
      [path, 'GET'],
      [`${path}/download`, 'GET'],
      [`${path}/thumbnail`, 'GET'],
      [`${path}/timeline`, 'GET'],
      [`${path}/reprocess`, 'POST'],
      [`${path}/cancel`, 'POST'],
      [path, 'PATCH'],
      [path, 'DELETE'],
    ] as const) {
      const body = method === 'PATCH' ? JSON.stringify({ type: 'letter' }) : undefined;
      const response = await api(route, { method, body, headers: { 'content-type': 'application/json' } }, otherKey);
      expect({ route, method, status: response.status }).toEqual({ route, method, status: 404 });
      expect(await response.json()).toEqual({ error: { code: 'document_not_found', message: expect.any(String) } });
    }
    expect((await api(path)).status).toBe(200);
  });

  it('waits for a document: 202 with its current state when the timeout passes, 200 as soon as it failed', async () => {
    const document = await settled(accepted((await upload([{ fileName: 'wait.txt', content: Buffer.from(`wait ${suffix}\n`) }])).json));
    const started = Date.now();
    const pending = await api(`${document.statusUrl}/wait?timeout=1`);
    expect(pending.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await pending.json()).toMatchObject({ id: document.id, status: 'queued' });

    const waiting = api(`${document.statusUrl}/wait?timeout=20`);
    await sleep(300);
    await publishFailure(vhost.url, tenant, document.id);
    const done = await waiting;
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: document.id, status: 'failed', error: { code: 'extraction_failed' } });
  });

  it('corrects a document’s type and tags (200 with the user’s type at confidence 1) and refuses a malformed correction (400)', async () => {
    const document = await settled(accepted((await upload([{ fileName: 'payslip.txt', content: Buffer.from(`pay ${suffix}\n`) }])).json));
    const patch = (body: unknown) =>
      api(document.statusUrl, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    const corrected = await patch({ type: 'payslip', tags: ['hr', ' 2026 ', 'hr'] });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({ id: document.id, documentType: 'payslip', confidence: 1, tags: ['hr', '2026'] });
    expect(await (await api(document.statusUrl)).json()).toMatchObject({ documentType: 'payslip', tags: ['hr', '2026'] });
    const listed = (await (await api('/api/v1/documents?type=payslip')).json()) as { items: { id: string }[] };
    expect(listed.items.map((item) => item.id)).toEqual([document.id]);

    for (const body of [{}, { type: 'Pay Slip' }, { tags: 'hr' }, { type: 'letter', colour: 'red' }]) {
      const refused = await patch(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(await refused.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('sets and clears a title and a note, records each edit in the timeline with what changed, and finds and sorts by the title', async () => {
    const document = await settled(
      accepted((await upload([{ fileName: `scan-0042-${suffix}.txt`, content: Buffer.from(`title me ${suffix}\n`) }])).json),
    );
    const patch = (body: unknown) =>
      api(document.statusUrl, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const edits = async () => {
      const { entries } = (await (await api(`${document.statusUrl}/timeline`)).json()) as {
        entries: { type: string; stage: string | null; detail: Record<string, unknown> }[];
      };
      return entries.filter((entry) => entry.type === 'document.edited');
    };

    const titled = await patch({ title: '  Aardvark lease, flat 3  ', tags: ['home'] });
    expect(titled.status).toBe(200);
    expect(await titled.json()).toMatchObject({ title: 'Aardvark lease, flat 3', fileName: `scan-0042-${suffix}.txt`, tags: ['home'] });
    expect(await edits()).toEqual([
      {
        type: 'document.edited',
        stage: null,
        status: 'queued',
        seq: expect.any(Number),
        occurredAt: expect.any(String),
        detail: { title: { from: null, to: 'Aardvark lease, flat 3' }, tags: { from: [], to: ['home'] } },
      },
    ]);
    // The same values again change nothing, so the timeline gains nothing.
    expect((await patch({ title: 'Aardvark lease, flat 3', tags: ['home'] })).status).toBe(200);
    expect(await edits()).toHaveLength(1);

    const byTitle = (await (await api('/api/v1/documents?q=aardvark')).json()) as { items: { id: string }[] };
    expect(byTitle.items.map((item) => item.id)).toEqual([document.id]);
    // By title, the titled document (A…) comes before every file name here (f…, p…, s…, w…); descending, after them.
    const first = async (sort: string) =>
      ((await (await api(`/api/v1/documents?sort=${sort}&size=100`)).json()) as { items: { id: string }[] }).items;
    expect((await first('title'))[0].id).toBe(document.id);
    expect((await first('-title')).at(-1)?.id).toBe(document.id);
    expect((await api('/api/v1/documents?sort=size')).status).toBe(400);

    const cleared = await patch({ title: null });
    expect(await cleared.json()).toMatchObject({ title: null, fileName: `scan-0042-${suffix}.txt` });
    expect((await edits()).at(-1)?.detail).toEqual({ title: { from: 'Aardvark lease, flat 3', to: null } });
    for (const body of [{ title: '   ' }, { title: 'x'.repeat(201) }, { title: 'tab\there' }, { title: 42 }]) {
      expect({ body, status: (await patch(body)).status }).toEqual({ body, status: 400 });
    }

    // A note: kept as written (trimmed), shown with the document, an edit on the timeline, removed with null.
    const noted = await patch({ note: ' Landlord: Mrs Okafor.\n\tDeposit returned. ' });
    expect(noted.status).toBe(200);
    expect(await noted.json()).toMatchObject({ note: 'Landlord: Mrs Okafor.\n\tDeposit returned.' });
    expect(await (await api(document.statusUrl)).json()).toMatchObject({ note: 'Landlord: Mrs Okafor.\n\tDeposit returned.' });
    expect((await edits()).at(-1)?.detail).toEqual({ note: { from: null, to: 'Landlord: Mrs Okafor.\n\tDeposit returned.' } });
    expect(await (await patch({ note: null })).json()).toMatchObject({ note: null });
    for (const body of [{ note: '  ' }, { note: 'x'.repeat(10_001) }, { note: 'bell\u0007' }, { note: 7 }]) {
      expect({ body, status: (await patch(body)).status }).toEqual({ body, status: 400 });
    }
  });

  it('reprocesses a document and shows it on its timeline', async () => {
    const document = await settled(accepted((await upload([{ fileName: 'again.txt', content: Buffer.from(`again ${suffix}\n`) }])).json));
    const reprocess = await api(`${document.statusUrl}/reprocess`, { method: 'POST' });
    expect(reprocess.status).toBe(202);
    expect(await reprocess.json()).toEqual({
      id: document.id,
      status: 'queued',
      statusUrl: document.statusUrl,
      correlationId: expect.any(String),
    });
    const types = await eventually(async () => {
      const { entries } = (await (await api(`${document.statusUrl}/timeline`)).json()) as { entries: { type: string }[] };
      const seen = entries.map((entry) => entry.type);
      expect(seen).toContain('document.reprocess-requested');
      return seen;
    });
    expect(types[0]).toBe('document.uploaded');
  });

  it('cancels a document in progress (200 with it cancelled), refuses to cancel it again (409), and reprocess restarts it', async () => {
    const document = await settled(
      accepted((await upload([{ fileName: 'cancel-me.txt', content: Buffer.from(`cancel ${suffix}\n`) }])).json),
    );
    const cancelled = await api(`${document.statusUrl}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: document.id, status: 'cancelled', stalled: null });
    expect(await (await api(`${document.statusUrl}/wait?timeout=5`)).json()).toMatchObject({ status: 'cancelled' });
    const listed = (await (await api('/api/v1/documents?status=cancelled&stalled=false')).json()) as { items: { id: string }[] };
    expect(listed.items.map((item) => item.id)).toContain(document.id);
    expect((await (await api('/api/v1/documents?status=cancelled&stalled=true')).json()) as { total: number }).toMatchObject({ total: 0 });
    await eventually(async () => {
      const { entries } = (await (await api(`${document.statusUrl}/timeline`)).json()) as { entries: { type: string; status: string }[] };
      expect(entries).toContainEqual(expect.objectContaining({ type: 'document.cancelled', status: 'cancelled' }));
    });

    const again = await api(`${document.statusUrl}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: 'document_finished_conflict', message: expect.stringContaining('cancelled') } });

    expect((await api(`${document.statusUrl}/reprocess`, { method: 'POST' })).status).toBe(202);
    expect(await (await api(document.statusUrl)).json()).toMatchObject({ status: 'queued' });
  });

  it('refuses to cancel a document that already failed (409)', async () => {
    const document = await settled(accepted((await upload([{ fileName: 'failed.txt', content: Buffer.from(`failed ${suffix}\n`) }])).json));
    await publishFailure(vhost.url, tenant, document.id);
    await eventually(async () => expect(await (await api(document.statusUrl)).json()).toMatchObject({ status: 'failed' }));
    const response = await api(`${document.statusUrl}/cancel`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'document_finished_conflict', message: expect.stringContaining('failed') } });
  });

  it('serves the thumbnail extraction drew as image/webp, sandboxed, and 404 thumbnail_not_found before there is one', async () => {
    const document = await settled(
      accepted((await upload([{ fileName: 'thumb.txt', content: Buffer.from(`thumbnail ${suffix}\n`) }])).json),
    );
    const missing = await api(`${document.statusUrl}/thumbnail`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'thumbnail_not_found', message: expect.stringContaining('no thumbnail') } });

    // Where extraction writes it (objectKeys.thumbnail); extraction's own test checks that it does.
    const webp = Buffer.concat([Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L', 'latin1'), randomBytes(18)]);
    await putObject(`derived/${tenant}/${document.id}/thumbnail.webp`, webp, 'image/webp');
    const served = await api(`${document.statusUrl}/thumbnail`);
    expect(served.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'content-length', 'x-content-type-options', 'content-security-policy'].map((name) => [
          name,
          served.headers.get(name),
        ]),
      ),
    ).toEqual({
      'content-type': 'image/webp',
      'content-length': String(webp.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
    });
    expect(Buffer.from(await served.arrayBuffer())).toEqual(webp);
    expect((await api(`${document.statusUrl}/thumbnail`, {}, otherKey)).status).toBe(404);
  });

  it('serves a kept page image with the same headers, and refuses a page number that is not one (400)', async () => {
    const document = await settled(accepted((await upload([{ fileName: 'pages.txt', content: Buffer.from(`pages ${suffix}\n`) }])).json));
    // Where extraction keeps a page it drew (objectKeys.pageImage); the pipeline test has extraction draw one.
    const webp = Buffer.concat([Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L', 'latin1'), randomBytes(18)]);
    await putObject(`derived/${tenant}/${document.id}/pages/2.webp`, webp, 'image/webp');
    const served = await api(`${document.statusUrl}/pages/2/image`);
    expect(served.status).toBe(200);
    expect([served.headers.get('content-type'), served.headers.get('content-security-policy')]).toEqual([
      'image/webp',
      "sandbox; default-src 'none'",
    ]);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(webp);
    expect((await api(`${document.statusUrl}/pages/2/image`, {}, otherKey)).status).toBe(404);
    for (const page of ['0', '1.5', 'two']) expect((await api(`${document.statusUrl}/pages/${page}/image`)).status).toBe(400);
  });

  it('deletes a document: gone from reads at once, its original and derived files removed shortly after', async () => {
    const document = await settled(
      accepted((await upload([{ fileName: 'delete-me.txt', content: Buffer.from(`delete ${suffix}\n`) }])).json),
    );
    await putObject(`derived/${tenant}/${document.id}/thumbnail.webp`, Buffer.from('RIFF....WEBP', 'latin1'), 'image/webp');
    const deleted = await api(document.statusUrl, { method: 'DELETE' });
    expect(deleted.status).toBe(202);
    expect(await deleted.json()).toMatchObject({ id: document.id, status: 'deleted' });
    expect((await api(document.statusUrl)).status).toBe(404);
    await eventually(async () => expect(await listKeys(`originals/${tenant}/${document.id}`)).toEqual([]));
    await eventually(async () => expect(await listKeys(`derived/${tenant}/${document.id}/`)).toEqual([]));
  });
});

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function pdfSample(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text);
  return Buffer.from(await pdf.save());
}

/** What extraction would publish when it gives up: metadata applies it like any other event. */
async function publishFailure(url: string, tenantId: string, documentId: string): Promise<void> {
  const logger = createLogger({ service: 'gateway-test', level: 'silent' });
  const connection = new BrokerConnection({ url, connectionName: 'gateway-test', logger });
  const publisher = new EventPublisher(connection, { confirmTimeoutMs: 10_000, topology: [queues.trackStatus], logger });
  await publisher.start();
  connection.start();
  try {
    await publisher.publish(
      DocumentFailed,
      { stage: 'extraction', code: 'extraction_failed', reason: 'The test says so', retryable: false, attempts: 1 },
      { tenantId, documentId },
    );
  } finally {
    await connection.close();
  }
}

async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
