import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrokerConnection, EventPublisher, queues, RemoteError, RpcClient } from '@docpipe/events';
import {
  AskQuestion,
  DocumentClassified,
  DocumentDeleted,
  FindSimilarDocuments,
  NO_ANSWER,
  objectKeys,
  SearchDocuments,
  type Envelope,
  type ExtractedText,
  type RequestOf,
} from '@docpipe/contracts';
import { loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, startServiceProcess, type IsolatedVhost, type ServiceProcess } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { drainQueue, MetadataStandInModule, waitFor } from '@docpipe/testing';
import { configSchema } from '../src/config';
import { SearchModule } from '../src/search.module';

interface Sample {
  documentType: string;
  fileName: string;
  tags: string[];
  createdAt: string;
  pages: string[];
}

const invoice: Sample = {
  documentType: 'invoice',
  fileName: 'northwind-117.pdf',
  tags: ['finance', '2024'],
  createdAt: '2024-03-10T09:00:00.000Z',
  pages: [
    'Invoice 2024-117 from Northwind Supplies.\n\nThe total amount of 1,250 EUR is due within thirty days.',
    'Please pay by bank transfer to the account of Northwind Supplies.',
  ],
};
const lease: Sample = {
  documentType: 'contract',
  fileName: 'lease.docx',
  tags: ['legal'],
  createdAt: '2024-06-01T09:00:00.000Z',
  pages: [
    'Residential lease agreement\n\nThe tenant shall pay the monthly rent for the apartment to the landlord. The lease runs for two years.',
  ],
};
const report: Sample = {
  documentType: 'report',
  fileName: 'q3-report.html',
  tags: ['finance'],
  createdAt: '2024-09-01T09:00:00.000Z',
  pages: ['Quarterly report\n\nRevenue grew in all regions and the board approved the budget for new hires.'],
};
// A rate card as extraction writes a table: long enough that indexing cuts it into chunks, the asked row in a later one.
const rateHeader = '| Role | Hourly rate |\n| --- | --- |';
const rateRows = ['Junior', 'Associate', 'Principal', 'Lead', 'Staff'].flatMap((level, i) =>
  ['designer', 'developer', 'tester', 'architect', 'writer', 'accountant', 'auditor', 'translator'].map(
    (job, j) => `| ${level} ${job} | ${60 + i * 8 + j} EUR |`,
  ),
);
const rateCard: Sample = {
  documentType: 'contract',
  fileName: 'rate-card.xlsx',
  tags: [],
  createdAt: '2024-10-01T09:00:00.000Z',
  pages: [`Rates 2025\n\n${[rateHeader, ...rateRows, '| Senior consultant | 145 EUR |'].join('\n')}`],
};

describe('search over what the indexing service indexed, through the real broker and object store', () => {
  const tenantA = `tenant-a-${randomUUID()}`;
  const tenantB = `tenant-b-${randomUUID()}`;
  const tenantC = `tenant-c-${randomUUID()}`;
  const lanceDir = mkdtempSync(join(tmpdir(), 'search-lance-'));
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  const seen: Envelope[] = [];
  const ids: Record<'invoice' | 'lease' | 'report' | 'foreignInvoice' | 'rateCard', string> = {
    invoice: '',
    lease: '',
    report: '',
    foreignInvoice: '',
    rateCard: '',
  };
  let vhost: IsolatedVhost;
  let search: INestApplication;
  let metadata: INestApplicationContext;
  let indexing: ServiceProcess;

  beforeAll(async () => {
    vhost = await isolatedVhost('search');
    const env = { RABBITMQ_URL: vhost.url, LANCE_DIR: lanceDir, OLLAMA_HOST: '', OPENSEARCH_URL: '' };
    // The real indexing service in its own process (services never import each other) writes what search reads.
    indexing = await startServiceProcess('indexing', { ...process.env, ...env, LOG_LEVEL: 'warn' });
    metadata = await NestFactory.createApplicationContext(MetadataStandInModule.on(vhost.url), { logger: false });
    const config = loadConfig(configSchema, { ...process.env, ...env });
    search = await startService({ name: 'search', port: 0, logLevel: 'silent', module: (logger) => SearchModule.register(config, logger) });
    await Promise.all([metadata.get(BrokerConnection).whenConnected(), search.get(BrokerConnection).whenConnected()]);

    ids.invoice = await indexDocument(tenantA, invoice);
    ids.lease = await indexDocument(tenantA, lease);
    ids.report = await indexDocument(tenantA, report);
    ids.foreignInvoice = await indexDocument(tenantB, invoice);
    ids.rateCard = await indexDocument(tenantC, rateCard);
  }, 90_000);

  afterAll(async () => {
    await indexing?.stop();
    await Promise.all([search?.close(), metadata?.close()]);
    for (const tenant of [tenantA, tenantB, tenantC]) await store.removePrefix(`derived/${tenant}/`);
    await vhost?.remove();
    rmSync(lanceDir, { recursive: true, force: true });
  });

  /** Puts the extracted text in the store, announces document.classified, and waits for document.indexed. */
  async function indexDocument(tenantId: string, sample: Sample): Promise<string> {
    const documentId = randomUUID();
    const textKey = objectKeys.extractedText(tenantId, documentId);
    const text: ExtractedText = {
      documentId,
      mediaType: 'text/plain',
      language: 'en',
      pages: sample.pages.map((page, i) => ({ number: i + 1, text: page, ocr: false })),
      entities: [],
      extractor: { name: 'test-extractor', version: '1' },
    };
    await store.put(textKey, Buffer.from(JSON.stringify(text)), { contentType: 'application/json' });
    await metadata.get(EventPublisher).publish(
      DocumentClassified,
      {
        textKey,
        documentType: sample.documentType,
        confidence: 0.9,
        fields: {},
        classifier: { name: 'test', version: '1' },
        facts: {
          fileName: sample.fileName,
          mediaType: 'text/plain',
          tags: sample.tags,
          uploadedAt: sample.createdAt,
          runStartedAt: new Date().toISOString(),
        },
      },
      { tenantId, documentId },
    );
    await waitFor(
      async () => {
        seen.push(...(await drainQueue(vhost.url, queues.trackStatus.name)));
        const outcome = seen.find(
          (event) => event.documentId === documentId && ['document.indexed', 'document.failed'].includes(event.type),
        );
        if (outcome?.type === 'document.failed') throw new Error(`indexing failed: ${JSON.stringify(outcome.payload)}`);
        return outcome;
      },
      `document.indexed for ${sample.fileName}`,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nindexing output:\n${indexing.output()}`);
    });
    return documentId;
  }

  const ask = (request: RequestOf<typeof SearchDocuments>) => metadata.get(RpcClient).call(SearchDocuments, request, 15_000);
  const documentIds = async (request: RequestOf<typeof SearchDocuments>) => (await ask(request)).hits.map((hit) => hit.documentId);

  it('reports ready with RabbitMQ and the search index', async () => {
    expect(await fetchReadiness(await search.getUrl())).toEqual({ status: 'ready', checks: { rabbitmq: 'ok', 'search-index': 'ok' } });
  });

  it('finds a document by keyword, with the page and a highlighted snippet of the matching chunk', async () => {
    const result = await ask({ tenantId: tenantA, q: 'bank transfer', mode: 'keyword' });

    expect(result.total).toBe(1);
    expect(result.hits[0]).toMatchObject({
      documentId: ids.invoice,
      fileName: 'northwind-117.pdf',
      documentType: 'invoice',
      tags: ['finance', '2024'],
    });
    expect(result.hits[0].highlights[0]).toEqual({
      page: 2,
      snippet: 'Please pay by <mark>bank</mark> <mark>transfer</mark> to the account of Northwind Supplies.',
      score: expect.any(Number),
    });
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('finds a document by meaning from a paraphrase that shares no word with it, where keywords find nothing', async () => {
    const paraphrase = 'money owed to a supplier';

    expect(await documentIds({ tenantId: tenantA, q: paraphrase, mode: 'keyword' })).toEqual([]);
    expect((await documentIds({ tenantId: tenantA, q: paraphrase, mode: 'semantic' }))[0]).toBe(ids.invoice);
    expect((await documentIds({ tenantId: tenantA, q: paraphrase, mode: 'hybrid' }))[0]).toBe(ids.invoice);
    expect((await documentIds({ tenantId: tenantA, q: 'renting a flat from a property owner' }))[0]).toBe(ids.lease);
    expect((await documentIds({ tenantId: tenantA, q: 'the directors signed off on hiring more staff' }))[0]).toBe(ids.report);
  });

  it("never shows a tenant another tenant's documents, even an identical one", async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      expect(await documentIds({ tenantId: tenantA, q: 'invoice from Northwind Supplies', mode })).not.toContain(ids.foreignInvoice);
      expect(await documentIds({ tenantId: tenantB, q: 'invoice from Northwind Supplies', mode })).toEqual([ids.foreignInvoice]);
      expect(await ask({ tenantId: `tenant-none-${randomUUID()}`, q: 'invoice', mode })).toMatchObject({ hits: [], total: 0 });
    }
  });

  it('filters by type, tag and upload date, and counts the matches per type and tag', async () => {
    const everything = await ask({ tenantId: tenantA, q: 'pay the amount', mode: 'semantic' });
    expect(everything.total).toBe(3);
    expect(everything.facets).toEqual({
      documentType: [
        { value: 'contract', count: 1 },
        { value: 'invoice', count: 1 },
        { value: 'report', count: 1 },
      ],
      tag: [
        { value: 'finance', count: 2 },
        { value: '2024', count: 1 },
        { value: 'legal', count: 1 },
      ],
    });

    expect(await documentIds({ tenantId: tenantA, q: 'pay the amount', mode: 'semantic', documentType: 'contract' })).toEqual([ids.lease]);
    expect((await documentIds({ tenantId: tenantA, q: 'pay the amount', tag: 'finance' })).sort()).toEqual(
      [ids.invoice, ids.report].sort(),
    );
    expect(
      await documentIds({ tenantId: tenantA, q: 'pay the amount', from: '2024-05-01T00:00:00.000Z', to: '2024-07-01T00:00:00.000Z' }),
    ).toEqual([ids.lease]);
  });

  it('reads operators in the query: a quoted phrase, type:, tag:, and from:/to: as whole days', async () => {
    expect(await documentIds({ tenantId: tenantA, q: '"bank transfer"', mode: 'keyword' })).toEqual([ids.invoice]);
    expect(await ask({ tenantId: tenantA, q: '"transfer bank"', mode: 'keyword' })).toMatchObject({ hits: [], total: 0 });
    expect(await documentIds({ tenantId: tenantA, q: 'pay the amount type:contract', mode: 'semantic' })).toEqual([ids.lease]);
    expect((await documentIds({ tenantId: tenantA, q: 'tag:finance pay the amount' })).sort()).toEqual([ids.invoice, ids.report].sort());
    expect(await documentIds({ tenantId: tenantA, q: 'pay the amount from:2024-06-01 to:2024-06-01' })).toEqual([ids.lease]);

    const contradiction = await ask({ tenantId: tenantA, q: 'pay type:invoice', documentType: 'contract' }).catch(
      (error: unknown) => error,
    );
    expect(contradiction).toMatchObject({ code: 'invalid_request' });
    const onlyFilters = await ask({ tenantId: tenantA, q: 'type:invoice' }).catch((error: unknown) => error);
    expect(onlyFilters).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('nothing to search for') });
  });

  it('pages through the ranked documents', async () => {
    const all = await documentIds({ tenantId: tenantA, q: 'pay the amount', mode: 'semantic', size: 3 });
    const second = await ask({ tenantId: tenantA, q: 'pay the amount', mode: 'semantic', size: 1, page: 2 });
    expect(second.total).toBe(3);
    expect(second.hits.map((hit) => hit.documentId)).toEqual([all[1]]);
  });

  it("finds the documents most like a given one in its tenant, never itself nor another tenant's twin", async () => {
    const { hits } = await metadata.get(RpcClient).call(FindSimilarDocuments, { tenantId: tenantA, documentId: ids.invoice });

    expect(hits.map((hit) => hit.documentId).sort()).toEqual([ids.lease, ids.report].sort());
    expect(hits[0].highlights).toHaveLength(1);

    const unknown = await metadata
      .get(RpcClient)
      .call(FindSimilarDocuments, { tenantId: tenantB, documentId: ids.invoice })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(RemoteError);
    expect(unknown).toMatchObject({ code: 'document_not_found' });
  });

  const askQuestion = (request: RequestOf<typeof AskQuestion>) => metadata.get(RpcClient).call(AskQuestion, request, 30_000);

  it('answers a question with the sentence that says it, quoted and cited to its document, page and characters', async () => {
    const result = await askQuestion({ tenantId: tenantA, question: 'Within how many days is the total amount due?' });

    expect(result.found).toBe(true);
    expect(result.answerer).toEqual({ name: 'extractive', version: '2' });
    expect(result.answer).toContain('The total amount of 1,250 EUR is due within thirty days.');
    const [best] = result.sentences;
    expect(best.citation).toMatchObject({ documentId: ids.invoice, fileName: 'northwind-117.pdf', page: 1 });
    expect(best.citation.snippet).toContain('<mark>The total amount of 1,250 EUR is due within thirty days.</mark>');
    // Every sentence stands word for word in a passage the reply carries, at the characters it names.
    for (const { text, citation } of result.sentences) {
      const passage = result.passages.find((candidate) => candidate.id === citation.passageId);
      expect(passage?.text.slice(citation.start, citation.end).replace(/\s+/g, ' ')).toBe(text);
    }
  });

  it('answers from a table row read with its column names, quoting the row without its pipes, the rule kept out of snippets', async () => {
    const result = await askQuestion({ tenantId: tenantC, question: 'What is the hourly rate of a senior consultant?' });

    expect(result.found).toBe(true);
    const [best] = result.sentences;
    expect(best.text).toBe('Senior consultant | 145 EUR');
    expect(best.citation).toMatchObject({ documentId: ids.rateCard, page: 1 });
    expect(best.citation.snippet).toContain('<mark>Senior consultant | 145 EUR</mark>');
    expect(best.citation.snippet).not.toContain('---');
    // The row is in a later chunk of the table, which starts with the table's header: indexing repeats it.
    const passage = result.passages.find((candidate) => candidate.id === best.citation.passageId)!;
    expect(passage.id).not.toBe(`${ids.rateCard}:0`);
    expect(passage.text.startsWith(`${rateHeader}\n|`)).toBe(true);

    const { hits } = await ask({ tenantId: tenantC, q: 'senior consultant', mode: 'keyword' });
    expect(hits[0].documentId).toBe(ids.rateCard);
    expect(hits[0].highlights[0].snippet).toContain('<mark>Senior</mark> <mark>consultant</mark>');
    expect(hits[0].highlights[0].snippet).not.toContain('---');
  });

  it('says the documents hold no answer to a question they do not answer, instead of making one up', async () => {
    const result = await askQuestion({ tenantId: tenantA, question: 'Who painted the ceiling of the Sistine Chapel?' });

    expect(result).toMatchObject({ found: false, answer: NO_ANSWER, sentences: [] });
  });

  it("answers a tenant from its own documents only, never citing another tenant's", async () => {
    const question = 'How do I pay Northwind Supplies?';
    const own = await askQuestion({ tenantId: tenantB, question });
    expect(own.found).toBe(true);
    expect(new Set(own.passages.map((passage) => passage.documentId))).toEqual(new Set([ids.foreignInvoice]));
    expect(own.sentences.every((sentence) => sentence.citation.documentId === ids.foreignInvoice)).toBe(true);

    const other = await askQuestion({ tenantId: tenantA, question });
    expect(other.passages.map((passage) => passage.documentId)).not.toContain(ids.foreignInvoice);
    expect(await askQuestion({ tenantId: `tenant-none-${randomUUID()}`, question })).toMatchObject({ found: false, passages: [] });
  });

  it('refuses a question that names nothing to look for, saying how to ask', async () => {
    const vague = await askQuestion({ tenantId: tenantA, question: 'What is it?' }).catch((error: unknown) => error);

    expect(vague).toBeInstanceOf(RemoteError);
    expect(vague).toMatchObject({ code: 'question_without_terms', message: expect.stringContaining('ask about something') });
  });

  it('stops finding a document once document.deleted is handled', async () => {
    await metadata
      .get(EventPublisher)
      .publish(DocumentDeleted, { objectKey: objectKeys.original(tenantA, ids.report) }, { tenantId: tenantA, documentId: ids.report });

    await waitFor(
      // Not "no hits": the query's synonyms (revenue: income, gross) may still find the tenant's other documents.
      async () =>
        !(await documentIds({ tenantId: tenantA, q: 'quarterly revenue', mode: 'keyword' })).includes(ids.report) ? true : undefined,
      'the report to disappear',
    );
    expect(await documentIds({ tenantId: tenantA, q: 'company earnings growth', mode: 'semantic' })).not.toContain(ids.report);
  });
});
