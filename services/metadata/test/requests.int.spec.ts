import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { Client } from 'pg';
import {
  CorrectDocument,
  DeleteDocument,
  FindIdempotentResponse,
  GetDocument,
  GetTimeline,
  ListDocuments,
  SaveIdempotentResponse,
} from '@docpipe/contracts';
import { queues } from '@docpipe/events';
import { newSha256, newTenant, registerDocument } from './support/documents';
import { startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

describe('metadata requests over RabbitMQ', () => {
  let metadata: MetadataUnderTest;

  beforeAll(async () => {
    metadata = await startMetadata();
  });

  afterAll(() => metadata?.stop());

  const call: MetadataUnderTest['caller']['call'] = (contract, request) => metadata.caller.call(contract, request);

  async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function countRows(sql: string, parameters: unknown[]): Promise<number> {
    const client = new Client({ connectionString: metadata.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(sql, parameters);
      return Number(rows[0].count);
    } finally {
      await client.end();
    }
  }

  it('reports ready with RabbitMQ and PostgreSQL checked', async () => {
    const response = await fetch(`${await metadata.app.getUrl()}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { rabbitmq: 'ok', postgres: 'ok' } });
  });

  it('registers an upload as received with every stage pending', async () => {
    const tenantId = newTenant();
    const registered = await registerDocument(metadata.caller, tenantId, {
      tags: ['finance'],
      metadata: { project: 'apollo' },
    });
    expect(registered).toMatchObject({ duplicateOf: null, status: 'received', mediaType: 'application/pdf' });

    const document = await call(GetDocument, { tenantId, documentId: registered.documentId });
    expect(document).toMatchObject({
      id: registered.documentId,
      fileName: 'invoice-2025-01.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 1234,
      status: 'received',
      tags: ['finance'],
      metadata: { project: 'apollo' },
      textKey: null,
      documentType: null,
      error: null,
      pipeline: {},
    });
    expect(document.stages).toEqual(
      ['ingestion', 'extraction', 'classification', 'indexing'].map((stage) => ({
        stage,
        status: 'pending',
        attempt: 0,
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        error: null,
      })),
    );
  });

  it('announces document.received once, from its outbox, for a new document and never for a duplicate', async () => {
    const tenantId = newTenant();
    const sha256 = newSha256();
    const first = await registerDocument(metadata.caller, tenantId, { sha256 });
    await registerDocument(metadata.caller, tenantId, { sha256 });

    const connection = await connect(metadata.rabbitmqUrl);
    const channel = await connection.createChannel();
    const announced: Array<{ type: string; documentId: string; payload: { sha256: string } }> = [];
    const take = async (): Promise<void> => {
      for (
        let message = await channel.get(queues.ingestUpload.name, { noAck: true });
        message;
        message = await channel.get(queues.ingestUpload.name, { noAck: true })
      ) {
        announced.push(JSON.parse(message.content.toString()));
      }
    };
    await waitFor(async () => {
      await take();
      return announced.some((event) => event.payload.sha256 === sha256);
    }, 10_000);
    // A second announcement, if there were one, would follow within the relay's round.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await take();
    await connection.close();

    expect(announced.filter((event) => event.payload.sha256 === sha256)).toEqual([
      expect.objectContaining({ type: 'document.received', documentId: first.documentId }),
    ]);
    expect(await countRows('SELECT count(*) FROM outbox WHERE sent_at IS NULL', [])).toBe(0);
  });

  it('answers the existing document for the same content in the same tenant, without a second row', async () => {
    const tenantId = newTenant();
    const sha256 = newSha256();
    const first = await registerDocument(metadata.caller, tenantId, { sha256 });
    const second = await registerDocument(metadata.caller, tenantId, { sha256, fileName: 'copy.pdf' });

    expect(second).toEqual({
      documentId: first.documentId,
      duplicateOf: first.documentId,
      status: 'received',
      mediaType: 'application/pdf',
    });
    expect(await countRows('SELECT count(*) FROM documents WHERE tenant_id = $1', [tenantId])).toBe(1);
  });

  it('keeps one row when the same content is registered many times at once', async () => {
    const tenantId = newTenant();
    const sha256 = newSha256();
    const answers = await Promise.all(Array.from({ length: 8 }, () => registerDocument(metadata.caller, tenantId, { sha256 })));

    const ids = new Set(answers.map((answer) => answer.documentId));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => answer.duplicateOf === null)).toHaveLength(1);
    expect(await countRows('SELECT count(*) FROM documents WHERE tenant_id = $1', [tenantId])).toBe(1);
  });

  it('answers a retried registration of the same id as the original, not as its own duplicate', async () => {
    const tenantId = newTenant();
    const documentId = randomUUID();
    const sha256 = newSha256();
    await registerDocument(metadata.caller, tenantId, { documentId, sha256 });
    expect(await registerDocument(metadata.caller, tenantId, { documentId, sha256 })).toEqual({
      documentId,
      duplicateOf: null,
      status: 'received',
      mediaType: 'application/pdf',
    });
  });

  it('registers the same content in another tenant as a new document', async () => {
    const sha256 = newSha256();
    const first = await registerDocument(metadata.caller, newTenant(), { sha256 });
    const other = await registerDocument(metadata.caller, newTenant(), { sha256 });
    expect(other.documentId).not.toBe(first.documentId);
    expect(other.duplicateOf).toBeNull();
  });

  it('answers not found for an unknown id and for another tenant’s id alike', async () => {
    const registered = await registerDocument(metadata.caller, newTenant());
    // Both asked at once and both awaited at once: a rejection is never left without a handler.
    await Promise.all([
      expect(call(GetDocument, { tenantId: newTenant(), documentId: randomUUID() })).rejects.toMatchObject({ code: 'document_not_found' }),
      expect(call(GetDocument, { tenantId: newTenant(), documentId: registered.documentId })).rejects.toMatchObject({
        code: 'document_not_found',
      }),
    ]);
    await expect(call(GetTimeline, { tenantId: newTenant(), documentId: registered.documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    await expect(call(DeleteDocument, { tenantId: newTenant(), documentId: registered.documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('deletes a document: it answers the object key once, then the document is not found anywhere', async () => {
    const tenantId = newTenant();
    const sha256 = newSha256();
    const { documentId } = await registerDocument(metadata.caller, tenantId, { sha256 });

    expect(await call(DeleteDocument, { tenantId, documentId })).toEqual({
      documentId,
      objectKey: `originals/${tenantId}/${documentId}`,
    });
    await expect(call(GetDocument, { tenantId, documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    await expect(call(DeleteDocument, { tenantId, documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    expect((await call(ListDocuments, { tenantId })).total).toBe(0);

    const again = await registerDocument(metadata.caller, tenantId, { sha256 });
    expect(again.duplicateOf).toBeNull();
    expect(again.documentId).not.toBe(documentId);
  });

  describe('listing', () => {
    const tenantId = newTenant();
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Registered one after the other so created_at orders them.
      for (const [name, fileName, tags] of [
        ['report', 'Quarterly_Report.pdf', ['finance', 'q1']],
        ['contract', 'contract-acme.docx', ['legal']],
        ['invoice', 'invoice 100%.pdf', ['finance']],
        ['scan', 'scan_0001.png', []],
      ] as const) {
        ids[name] = (await registerDocument(metadata.caller, tenantId, { fileName, tags: [...tags] })).documentId;
      }
      await registerDocument(metadata.caller, newTenant(), { fileName: 'Quarterly_Report.pdf' });
    });

    const names = (items: { id: string }[]) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

    it('lists only the tenant’s documents, newest first, with the total', async () => {
      const page = await call(ListDocuments, { tenantId });
      expect(names(page.items)).toEqual(['scan', 'invoice', 'contract', 'report']);
      expect(page).toMatchObject({ total: 4, page: 1, size: 20 });
    });

    it('pages through the list', async () => {
      const second = await call(ListDocuments, { tenantId, page: 2, size: 3 });
      expect(names(second.items)).toEqual(['report']);
      expect(second).toMatchObject({ total: 4, page: 2, size: 3 });
    });

    it('filters by tag, by status and by a case-insensitive part of the file name', async () => {
      expect(names((await call(ListDocuments, { tenantId, tag: 'finance' })).items)).toEqual(['invoice', 'report']);
      expect(names((await call(ListDocuments, { tenantId, q: 'REPORT' })).items)).toEqual(['report']);
      expect(names((await call(ListDocuments, { tenantId, q: '100%' })).items)).toEqual(['invoice']);
      expect(names((await call(ListDocuments, { tenantId, q: '_0' })).items)).toEqual(['scan']);
      expect((await call(ListDocuments, { tenantId, status: 'received' })).total).toBe(4);
      expect((await call(ListDocuments, { tenantId, status: 'indexed' })).total).toBe(0);
      expect((await call(ListDocuments, { tenantId, documentType: 'invoice' })).total).toBe(0);
    });

    it('filters by creation time', async () => {
      const all = (await call(ListDocuments, { tenantId })).items;
      const contract = all.find((item) => item.id === ids.contract)!;
      const invoice = all.find((item) => item.id === ids.invoice)!;
      const between = await call(ListDocuments, {
        tenantId,
        from: contract.createdAt,
        to: invoice.createdAt,
      });
      expect(names(between.items)).toEqual(['invoice', 'contract']);
      expect((await call(ListDocuments, { tenantId, from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    });

    // Last in this block: it types the invoice.
    it('counts per status, type and tag when asked, each facet among the documents the other filters match', async () => {
      expect((await call(ListDocuments, { tenantId })).facets).toBeUndefined();
      await call(CorrectDocument, { tenantId, documentId: ids.invoice, documentType: 'invoice' });

      expect((await call(ListDocuments, { tenantId, facets: true, size: 1 })).facets).toEqual({
        status: [{ value: 'received', count: 4 }],
        documentType: [{ value: 'invoice', count: 1 }],
        tag: [
          { value: 'finance', count: 2 },
          { value: 'legal', count: 1 },
          { value: 'q1', count: 1 },
        ],
      });
      // A chosen tag narrows the other facets, while the tag facet still offers the other tags.
      expect((await call(ListDocuments, { tenantId, facets: true, tag: 'legal' })).facets).toEqual({
        status: [{ value: 'received', count: 1 }],
        documentType: [],
        tag: [
          { value: 'finance', count: 2 },
          { value: 'legal', count: 1 },
          { value: 'q1', count: 1 },
        ],
      });
      const typed = await call(ListDocuments, { tenantId, facets: true, documentType: 'invoice', status: 'indexed' });
      expect(typed.total).toBe(0);
      expect(typed.facets).toEqual({
        status: [{ value: 'received', count: 1 }],
        documentType: [],
        tag: [],
      });
      expect((await call(ListDocuments, { tenantId, facets: true, q: 'report' })).facets?.tag).toEqual([
        { value: 'finance', count: 1 },
        { value: 'q1', count: 1 },
      ]);
    });
  });

  describe('idempotent responses', () => {
    it('finds nothing for a key never saved', async () => {
      expect(await call(FindIdempotentResponse, { tenantId: newTenant(), key: 'k-1' })).toEqual({
        response: null,
      });
    });

    it('keeps the first response saved under a key and answers it to every later save', async () => {
      const tenantId = newTenant();
      const first = { status: 201, body: { documentId: randomUUID() } };
      expect(await call(SaveIdempotentResponse, { tenantId, key: 'upload-1', response: first })).toEqual({
        response: first,
      });
      expect(await call(SaveIdempotentResponse, { tenantId, key: 'upload-1', response: { status: 500 } })).toEqual({ response: first });
      expect(await call(FindIdempotentResponse, { tenantId, key: 'upload-1' })).toEqual({ response: first });
    });

    it('keeps keys of different tenants apart', async () => {
      const key = 'shared-key';
      await call(SaveIdempotentResponse, { tenantId: 'tenant-a-' + randomUUID(), key, response: ['a'] });
      const other = newTenant();
      expect(await call(FindIdempotentResponse, { tenantId: other, key })).toEqual({ response: null });
      expect(await call(SaveIdempotentResponse, { tenantId: other, key, response: 'b' })).toEqual({
        response: 'b',
      });
    });
  });
});
