import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DocumentView } from '@docpipe/contracts';
import { loadConfig } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, Fleet, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { textPng } from '@docpipe/testing';

const invoice = [
  'INVOICE',
  'Invoice number: INV-2026-0042',
  'Date: 12 March 2026',
  'Bill to: Harbour Logistics Ltd',
  'Vendor: Northwind Office Supplies',
  'Description: 40 ergonomic office chairs',
  'Subtotal: EUR 3,600.00',
  'VAT 19%: EUR 684.00',
  'Total due: EUR 4,284.00',
  'Payment terms: 30 days. IBAN DE89 3704 0044 0532 0130 00',
];

const letter = [
  'Dear Ms Okafor,',
  '',
  'Thank you for hosting our team at the coastal research station last week.',
  'The tour of the tidal turbines and the conversation about marine wildlife were the highlight of our trip.',
  'We hope to visit again in the autumn.',
  '',
  'Kind regards,',
  'Jonas Berg',
].join('\n');

const resume = [
  'Curriculum vitae: Maria Lopez',
  'Software engineer with eight years of experience building distributed systems in Go and TypeScript.',
  'Education: MSc in Computer Science, University of Porto.',
  'Skills: Kubernetes, PostgreSQL, message queues, mentoring junior developers.',
];

const receipt = ['CORNER BAKERY', '2 croissants 5.40', 'coffee 3.20', 'TOTAL 8.60', 'Paid by card, thank you'];

const report = `<!doctype html><html><head><title>Urban cycling 2026</title></head><body>
<h1>Annual report on urban cycling</h1>
<p>Bicycle traffic in the city centre grew by eighteen percent compared with the previous year.</p>
<h2>Findings</h2><p>Protected lanes on the ring road doubled the number of riders during the morning rush hour.</p>
<script>document.write('not text')</script></body></html>`;

async function resumeDocx(): Promise<Buffer> {
  const paragraphs = resume.map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

async function invoicePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  invoice.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 11, font }));
  return Buffer.from(await pdf.save());
}

interface Api {
  get(path: string): Promise<Response>;
  send(method: string, path: string, body?: RequestInit['body']): Promise<Response>;
}

function api(baseUrl: string, key: string): Api {
  const headers = { authorization: `Bearer ${key}` };
  return {
    get: (path) => fetch(`${baseUrl}${path}`, { headers }),
    send: (method, path, body) => fetch(`${baseUrl}${path}`, { method, headers, body }),
  };
}

describe('the whole pipeline, eight services as processes', () => {
  const tenantA = { tenant: 'e2e-a', key: `key-a-${randomBytes(8).toString('hex')}` };
  const tenantB = { tenant: 'e2e-b', key: `key-b-${randomBytes(8).toString('hex')}` };
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let fleet: Fleet;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    [vhost, database, lanceDir] = await Promise.all([
      isolatedVhost('e2e'),
      isolatedDatabase('e2e'),
      mkdtemp(join(tmpdir(), 'docpipe-e2e-lance-')),
    ]);
    const env = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      LANCE_DIR: lanceDir,
      API_KEYS: `${tenantA.tenant}:${tenantA.key},${tenantB.tenant}:${tenantB.key}`,
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'warn',
    };
    fleet = await Fleet.start(env, () => undefined);
    a = api(fleet.url('gateway'), tenantA.key);
    b = api(fleet.url('gateway'), tenantB.key);
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    for (const tenant of [tenantA.tenant, tenantB.tenant]) {
      // The object store is shared with other suites: leave nothing of these tenants behind.
      await cleanBlobs(tenant);
    }
  });

  type Ids = [string, string, string, string, string, string];
  let [invoiceId, letterId, resumeId, receiptId, reportId, brokenId] = ['', '', '', '', '', ''];

  it('answers an upload of six files of five kinds with ids at once', async () => {
    const form = new FormData();
    form.append('files', new Blob([await invoicePdf()], { type: 'application/pdf' }), 'march-invoice.pdf');
    form.append('files', new Blob([letter], { type: 'text/plain' }), 'thank-you.txt');
    form.append('files', new Blob([await resumeDocx()]), 'maria-lopez-cv.docx');
    form.append('files', new Blob([await textPng(receipt)], { type: 'image/png' }), 'receipt-photo.png');
    form.append('files', new Blob([report], { type: 'text/html' }), 'cycling-report.html');
    // A PDF header over garbage: accepted by type, then refused by extraction.
    form.append('files', new Blob([Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)])]), 'broken.pdf');
    form.append('tags', 'e2e,finance');
    const response = await a.send('POST', '/api/v1/documents', form);
    expect(response.status).toBe(202);
    const { documents } = (await response.json()) as { documents: Array<{ id: string; fileName: string; status: string }> };
    expect(documents.map((document) => [document.fileName, document.status])).toEqual([
      ['march-invoice.pdf', 'received'],
      ['thank-you.txt', 'received'],
      ['maria-lopez-cv.docx', 'received'],
      ['receipt-photo.png', 'received'],
      ['cycling-report.html', 'received'],
      ['broken.pdf', 'received'],
    ]);
    [invoiceId, letterId, resumeId, receiptId, reportId, brokenId] = documents.map((document) => document.id) as Ids;
  });

  it('extracts, classifies and indexes every readable one, with every stage visible, and fails the broken one with its reason', async () => {
    const [invoiceView, letterView, resumeView, receiptView, reportView, brokenView] = await Promise.all(
      [invoiceId, letterId, resumeId, receiptId, reportId, brokenId].map(waitUntilDone),
    );
    expect(invoiceView).toMatchObject({ status: 'indexed', documentType: 'invoice', pages: 1, language: 'en' });
    expect(invoiceView!.chunks).toBeGreaterThan(0);
    expect(invoiceView!.stages.map((stage) => [stage.stage, stage.status])).toEqual([
      ['ingestion', 'done'],
      ['extraction', 'done'],
      ['classification', 'done'],
      ['indexing', 'done'],
    ]);
    expect(letterView).toMatchObject({ status: 'indexed', documentType: 'letter' });
    expect(resumeView).toMatchObject({ status: 'indexed', documentType: 'resume' });
    expect(receiptView).toMatchObject({ status: 'indexed', documentType: 'receipt' });
    expect(reportView).toMatchObject({ status: 'indexed' });
    expect(brokenView).toMatchObject({ status: 'failed', error: { stage: 'extraction', retryable: false } });
    expect(brokenView!.error!.reason).toMatch(/PDF/i);

    const timeline = (await (await a.get(`/api/v1/documents/${invoiceId}/timeline`)).json()) as {
      entries: Array<{ seq: number; type: string }>;
    };
    expect(timeline.entries.map((entry) => entry.seq)).toEqual(timeline.entries.map((_, i) => i + 1));
    expect(timeline.entries.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['document.uploaded', 'document.extracted', 'document.classified', 'document.indexed']),
    );
  });

  it.each([
    ['the invoice', 'bill for new office furniture', () => invoiceId],
    ['the letter', 'visit to the ocean energy lab', () => letterId],
    ['the CV (DOCX)', 'job applicant with a programming background', () => resumeId],
    ['the receipt (OCR of an image)', 'breakfast bought at a pastry shop', () => receiptId],
    ['the report (HTML)', 'yearly study of bike commuting in towns', () => reportId],
  ])('finds %s in the top 3 for a paraphrase: "%s"', async (_what, query, id) => {
    expect((await searchIds(a, query, 'hybrid')).slice(0, 3)).toContain(id());
  });

  it('finds them by keyword and by meaning, only for their own tenant', async () => {
    const keyword = await searchIds(a, 'Northwind chairs', 'keyword');
    expect(keyword[0]).toBe(invoiceId);
    // No word of the query is in the letter: only the meaning matches.
    const semantic = await searchIds(a, 'visit to the ocean energy lab', 'semantic');
    expect(semantic[0]).toBe(letterId);
    expect(await searchIds(a, 'office furniture bill', 'hybrid')).toContain(invoiceId);
    expect(await searchIds(b, 'Northwind chairs', 'hybrid')).toEqual([]);
    expect((await b.get(`/api/v1/documents/${invoiceId}`)).status).toBe(404);
  });

  it('serves the text extraction read, page by page, with its entities', async () => {
    const response = await a.get(`/api/v1/documents/${invoiceId}/text`);
    expect(response.status).toBe(200);
    const text = (await response.json()) as {
      pages: Array<{ number: number; text: string; ocr: boolean }>;
      entities: Array<{ kind: string; value: string }>;
    };
    expect(text.pages).toEqual([
      expect.objectContaining({ number: 1, ocr: false, text: expect.stringContaining('Northwind Office Supplies') }),
    ]);
    expect(text.entities).toContainEqual(expect.objectContaining({ kind: 'iban', value: 'DE89370400440532013000' }));
    const receipt = (await (await a.get(`/api/v1/documents/${receiptId}/text`)).json()) as { pages: Array<{ text: string; ocr: boolean }> };
    expect(receipt.pages[0]).toMatchObject({ ocr: true, text: expect.stringMatching(/croissants/i) });
    expect((await b.get(`/api/v1/documents/${invoiceId}/text`)).status).toBe(404);
  });

  it('serves the first page as a thumbnail, and draws a page for the preview on request and keeps it', async () => {
    const webp = async (response: Response) => {
      expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/webp']);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      return bytes;
    };
    await webp(await a.get(`/api/v1/documents/${receiptId}/thumbnail`));
    const drawn = await webp(await a.get(`/api/v1/documents/${invoiceId}/pages/1/image`));
    expect(await webp(await a.get(`/api/v1/documents/${invoiceId}/pages/1/image`))).toEqual(drawn);
    const beyond = await a.get(`/api/v1/documents/${invoiceId}/pages/2/image`);
    expect([beyond.status, ((await beyond.json()) as { error: { code: string } }).error.code]).toEqual([404, 'page_not_found']);
    expect((await b.get(`/api/v1/documents/${invoiceId}/pages/1/image`)).status).toBe(404);
  });

  it('serves the original byte for byte', async () => {
    const response = await a.get(`/api/v1/documents/${invoiceId}/download`);
    expect(response.status).toBe(200);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('ran without any service crashing', () => {
    expect(fleet.exits).toEqual([]);
  });

  it('deletes a document from metadata, store and index', async () => {
    expect(await searchIds(a, 'coastal research station turbines', 'keyword')).toContain(letterId);
    expect((await a.send('DELETE', `/api/v1/documents/${letterId}`)).status).toBeLessThan(300);
    expect((await a.get(`/api/v1/documents/${letterId}`)).status).toBe(404);
    await eventually(async () => !(await searchIds(a, 'coastal research station turbines', 'keyword')).includes(letterId), 30_000);
  });

  async function waitUntilDone(id: string): Promise<DocumentView> {
    const deadline = Date.now() + 150_000;
    for (;;) {
      const response = await a.get(`/api/v1/documents/${id}/wait?timeout=30`);
      const view = (await response.json()) as DocumentView;
      if (response.status === 200 || Date.now() > deadline) return view;
    }
  }
});

async function searchIds(client: Api, q: string, mode: string): Promise<string[]> {
  const response = await client.get(`/api/v1/search?${new URLSearchParams({ q, mode })}`);
  expect(response.status).toBe(200);
  const { hits } = (await response.json()) as { hits: Array<{ documentId: string }> };
  return hits.map((hit) => hit.documentId);
}

async function eventually(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function cleanBlobs(tenant: string): Promise<void> {
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
}
