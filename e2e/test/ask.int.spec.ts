import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, Fleet, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { uploadTexts, waitUntilDone } from '../src/gateway-documents';

const invoice = [
  'INVOICE',
  'Invoice number: INV-2026-0042',
  'Vendor: Northwind Office Supplies',
  'Description: 40 ergonomic office chairs',
  'Total due: EUR 4,284.00',
  'Payment terms: 30 days. IBAN DE89 3704 0044 0532 0130 00',
].join('\n');

const lease = [
  'Residential lease agreement',
  '',
  'The tenant shall pay a monthly rent of 950 EUR for the apartment at 12 Harbour Lane.',
  'The lease runs for two years from 1 April 2026. Pets are allowed with the written consent of the landlord.',
].join('\n');

const report = [
  'Annual report on urban cycling',
  '',
  'Bicycle traffic in the city centre grew by eighteen percent compared with the previous year.',
  'Protected lanes on the ring road doubled the number of riders during the morning rush hour.',
].join('\n');

// Another tenant's invoice from the same vendor, for another amount: its answer must never reach tenant A.
const foreignInvoice = invoice.replace('INV-2026-0042', 'INV-2026-0977').replace('EUR 4,284.00', 'EUR 7,777.00');

interface Citation {
  passageId: string;
  documentId: string;
  fileName: string;
  page: number | null;
  start: number;
  end: number;
  snippet: string;
}
interface Answer {
  found: boolean;
  answer: string;
  sentences: Array<{ text: string; score: number; citation: Citation }>;
  passages: Array<{ id: string; documentId: string; text: string }>;
}

describe('asking questions of the documents through the gateway, eight services as processes', () => {
  const tenantA = { tenant: 'ask-a', key: `key-a-${randomBytes(8).toString('hex')}` };
  const tenantB = { tenant: 'ask-b', key: `key-b-${randomBytes(8).toString('hex')}` };
  const adminKey = `admin-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let lanceDir: string;
  let fleet: Fleet;
  const ids = { invoice: '', lease: '', report: '', foreign: '' };

  beforeAll(async () => {
    [vhost, database, lanceDir] = await Promise.all([
      isolatedVhost('ask'),
      isolatedDatabase('ask'),
      mkdtemp(join(tmpdir(), 'docpipe-ask-lance-')),
    ]);
    fleet = await Fleet.start(
      {
        ...process.env,
        RABBITMQ_URL: vhost.url,
        DATABASE_URL: database.url,
        LANCE_DIR: lanceDir,
        API_KEYS: `${tenantA.tenant}:${tenantA.key},${tenantB.tenant}:${tenantB.key}`,
        ADMIN_API_KEYS: `ops:${adminKey}`,
        OLLAMA_HOST: '',
        OPENSEARCH_URL: '',
        LOG_LEVEL: 'warn',
      },
      () => undefined,
    );
    [ids.invoice, ids.lease, ids.report] = await uploadTexts(fleet.url('gateway'), tenantA.key, [
      ['northwind-invoice.txt', invoice],
      ['lease.txt', lease],
      ['cycling-report.txt', report],
    ]);
    [ids.foreign] = await uploadTexts(fleet.url('gateway'), tenantB.key, [['northwind-invoice.txt', foreignInvoice]]);
    for (const [key, id] of [
      [tenantA.key, ids.invoice],
      [tenantA.key, ids.lease],
      [tenantA.key, ids.report],
      [tenantB.key, ids.foreign],
    ])
      expect(await waitUntilDone(fleet.url('gateway'), key, id)).toMatchObject({ status: 'indexed' });
  }, 400_000);

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([vhost?.remove(), database?.drop(), lanceDir && rm(lanceDir, { recursive: true, force: true })]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const tenant of [tenantA.tenant, tenantB.tenant])
      for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
  });

  it('answers with the sentence that holds the fact, cited to the document it stands in', async () => {
    const response = await ask(tenantA.key, { question: 'What is the total due on the Northwind invoice?' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;

    expect(answer.found).toBe(true);
    expect(answer.answer).toContain('EUR 4,284.00');
    expect(answer.sentences[0].citation).toMatchObject({ documentId: ids.invoice, fileName: 'northwind-invoice.txt', page: 1 });
    for (const { text, citation } of answer.sentences) {
      const passage = answer.passages.find((candidate) => candidate.id === citation.passageId);
      expect(passage?.text.slice(citation.start, citation.end).replace(/\s+/g, ' ')).toBe(text);
    }

    const rent = (await (await ask(tenantA.key, { question: 'How much is the monthly rent for the apartment?' })).json()) as Answer;
    expect(rent).toMatchObject({ found: true, answer: expect.stringContaining('950 EUR') });
    expect(rent.sentences[0].citation.documentId).toBe(ids.lease);
  });

  it('declines a question its documents do not answer', async () => {
    const answer = (await (await ask(tenantA.key, { question: 'Who painted the ceiling of the Sistine Chapel?' })).json()) as Answer;

    expect(answer).toMatchObject({ found: false, answer: 'No answer found in your documents.', sentences: [] });
  });

  it("never cites another tenant's documents, even one that answers the question", async () => {
    const question = { question: 'What is the total due on the Northwind invoice?' };
    const a = (await (await ask(tenantA.key, question)).json()) as Answer;
    const b = (await (await ask(tenantB.key, question)).json()) as Answer;

    expect([...a.passages.map((p) => p.documentId), ...a.sentences.map((s) => s.citation.documentId)]).not.toContain(ids.foreign);
    expect(a.answer).not.toContain('7,777.00');
    expect(b).toMatchObject({ found: true, answer: expect.stringContaining('EUR 7,777.00') });
    expect(new Set(b.passages.map((p) => p.documentId))).toEqual(new Set([ids.foreign]));
  });

  it('applies the search filters to the passages it reads', async () => {
    const filtered = (await (
      await ask(tenantA.key, { question: 'What is the total due on the Northwind invoice?', filters: { tag: 'no-such-tag' } })
    ).json()) as Answer;

    expect(filtered).toMatchObject({ found: false, passages: [] });
  });

  it('streams the answer as Server-Sent Events: the passages, each sentence with its citation, then done', async () => {
    const response = await ask(tenantA.key, { question: 'What is the total due on the Northwind invoice?' }, 'text/event-stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseEvents(await response.text());

    expect(events[0].event).toBe('passages');
    // Sent ahead of the answer as search found them, and not again with it.
    expect(events.filter((e) => e.event === 'passages')).toHaveLength(1);
    expect(events[0].data).toMatchObject({ passages: expect.arrayContaining([expect.objectContaining({ documentId: ids.invoice })]) });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { found: true, answer: expect.stringContaining('EUR 4,284.00') } });
    const sentences = events.filter((e) => e.event === 'sentence');
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences[0].data).toMatchObject({ index: 0, citation: { documentId: ids.invoice } });
  });

  it('refuses a streamed question with nothing to look for with its HTTP status, before any event', async () => {
    const vague = await ask(tenantA.key, { question: 'What is it?' }, 'text/event-stream');

    expect(vague.status).toBe(400);
    expect(await vague.json()).toMatchObject({ error: { code: 'question_without_terms' } });
  });

  it('lets a read-only key ask, and refuses an invalid body or a question with nothing to look for', async () => {
    const created = await fetch(`${fleet.url('gateway')}/api/v1/admin/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: tenantA.tenant, name: 'reader', scopes: ['read'] }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    // The gateway learns a new key from its api-key.issued event, a moment after the 201.
    let asked = await ask(key, { question: 'How much is the monthly rent?' });
    for (let tries = 0; asked.status === 401 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      asked = await ask(key, { question: 'How much is the monthly rent?' });
    }
    expect(asked.status).toBe(200);

    const invalid = await ask(tenantA.key, { question: '', filters: { colour: 'red' } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const vague = await ask(tenantA.key, { question: 'What is it?' });
    expect(vague.status).toBe(400);
    expect(((await vague.json()) as { error: { code: string } }).error.code).toBe('question_without_terms');
    expect((await fetch(`${fleet.url('gateway')}/api/v1/ask`, { method: 'POST' })).status).toBe(401);
  });

  function ask(key: string, body: object, accept = 'application/json'): Promise<Response> {
    return fetch(`${fleet.url('gateway')}/api/v1/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });
  }
});

function parseEvents(stream: string): Array<{ event: string; data: Record<string, unknown> }> {
  return stream
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
