import { randomUUID } from 'node:crypto';
import {
  DeleteDocument,
  DocumentClassified,
  DocumentDeleted,
  DocumentExtracted,
  DocumentFailed,
  DocumentIndexed,
  DocumentProgressed,
  DocumentRejected,
  DocumentReprocessRequested,
  DocumentUploaded,
  GetDocument,
  GetTimeline,
  ListDocuments,
  objectKeys,
  type DocumentView,
  type TimelineEntry,
} from '@docpipe/contracts';
import { newSha256, newTenant, registerDocument } from './support/documents';
import { eventually, startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

const producer = (name: string) => ({ name, version: '1.2.3' });
const facts = {
  fileName: 'acme-invoice.pdf',
  mediaType: 'application/pdf',
  tags: [],
  uploadedAt: '2024-05-01T08:00:00.000Z',
  runStartedAt: '2024-05-01T08:00:00.000Z',
};

describe('document status from pipeline events', () => {
  let metadata: MetadataUnderTest;

  beforeAll(async () => {
    metadata = await startMetadata();
  });

  afterAll(() => metadata?.stop());

  /** A registered document and the events of its life, published as the pipeline's workers would. */
  async function newDocument() {
    const tenantId = newTenant();
    const sha256 = newSha256();
    const { documentId } = await registerDocument(metadata.caller, tenantId, {
      sha256,
      fileName: 'acme-invoice.pdf',
    });
    const target = { tenantId, documentId };
    const textKey = objectKeys.extractedText(tenantId, documentId);
    const objectKey = objectKeys.original(tenantId, documentId);
    const { publish } = metadata.caller;
    return {
      tenantId,
      documentId,
      sha256,
      /** Ingestion stored the original. */
      uploaded: () =>
        publish(
          DocumentUploaded,
          { objectKey, sha256, sizeBytes: 1234, mediaType: 'application/pdf', fileName: 'acme-invoice.pdf', tags: [] },
          target,
        ),
      rejected: () =>
        publish(DocumentRejected, { code: 'unsupported_media_type', reason: 'A ZIP archive is not accepted (acme-invoice.pdf)' }, target),
      started: (stage: 'extraction' | 'classification' | 'indexing', attempt = 1) =>
        publish(DocumentProgressed, { stage, status: 'started', attempt }, target),
      extracted: () =>
        publish(DocumentExtracted, { textKey, pages: 3, characters: 4200, language: 'en', extractor: producer('pdf-text'), facts }, target),
      classified: () =>
        publish(
          DocumentClassified,
          {
            textKey,
            documentType: 'invoice',
            confidence: 0.93,
            fields: { total: { value: 'EUR 120.00', page: 1, start: 10, end: 20 } },
            classifier: producer('rules'),
            facts,
          },
          target,
        ),
      indexed: () => publish(DocumentIndexed, { chunks: 7, indexName: 'documents', embedder: producer('lsi') }, target),
      failed: () =>
        publish(
          DocumentFailed,
          {
            stage: 'extraction',
            code: 'corrupt_pdf',
            reason: 'The PDF has no cross-reference table',
            retryable: false,
            attempts: 3,
          },
          target,
        ),
      reprocess: () =>
        publish(
          DocumentReprocessRequested,
          { objectKey, mediaType: 'application/pdf', fileName: 'acme-invoice.pdf', tags: [], uploadedAt: facts.uploadedAt },
          target,
        ),
      get: () => metadata.caller.call(GetDocument, target),
      timeline: (afterSeq = 0) => metadata.caller.call(GetTimeline, { ...target, afterSeq }).then((reply) => reply.entries),
    };
  }

  type Doc = Awaited<ReturnType<typeof newDocument>>;

  const timelineOf = (doc: Doc, length: number): Promise<TimelineEntry[]> =>
    eventually(async () => {
      const entries = await doc.timeline();
      expect(entries).toHaveLength(length);
      return entries;
    });

  const documentWith = (doc: Doc, expected: Partial<DocumentView>): Promise<DocumentView> =>
    eventually(async () => {
      const view = await doc.get();
      expect(view).toMatchObject(expected);
      return view;
    });

  it('follows a document through the whole pipeline to indexed, with stage timings and a timeline 1..n', async () => {
    const doc = await newDocument();
    // One at a time, as they would happen; each is applied before the next is published.
    const steps = [
      doc.uploaded,
      () => doc.started('extraction'),
      doc.extracted,
      () => doc.started('classification'),
      doc.classified,
      () => doc.started('indexing'),
      doc.indexed,
    ];
    for (const [index, step] of steps.entries()) {
      await step();
      await timelineOf(doc, index + 1);
    }

    const view = await documentWith(doc, { status: 'indexed' });
    expect(view).toMatchObject({
      textKey: objectKeys.extractedText(doc.tenantId, doc.documentId),
      pages: 3,
      language: 'en',
      documentType: 'invoice',
      confidence: 0.93,
      fields: { total: { value: 'EUR 120.00', page: 1, start: 10, end: 20 } },
      chunks: 7,
      error: null,
      pipeline: {
        extraction: producer('pdf-text'),
        classification: producer('rules'),
        indexing: producer('lsi'),
      },
    });
    expect(view.stages.map((stage) => [stage.stage, stage.status])).toEqual([
      ['ingestion', 'done'],
      ['extraction', 'done'],
      ['classification', 'done'],
      ['indexing', 'done'],
    ]);
    for (const stage of view.stages.slice(1)) {
      expect(stage).toMatchObject({ attempt: 1, error: null });
      expect(stage.durationMs).toBe(Date.parse(stage.finishedAt!) - Date.parse(stage.startedAt!));
    }

    const timeline = await doc.timeline();
    expect(timeline.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(timeline.map((entry) => [entry.type, entry.stage, entry.status])).toEqual([
      ['document.uploaded', 'ingestion', 'queued'],
      ['document.progressed', 'extraction', 'extracting'],
      ['document.extracted', 'extraction', 'extracted'],
      ['document.progressed', 'classification', 'classifying'],
      ['document.classified', 'classification', 'classified'],
      ['document.progressed', 'indexing', 'indexing'],
      ['document.indexed', 'indexing', 'indexed'],
    ]);
    expect(timeline[2].detail).toMatchObject({ pages: 3, language: 'en' });
    expect((await doc.timeline(5)).map((entry) => entry.seq)).toEqual([6, 7]);

    const byType = await metadata.caller.call(ListDocuments, {
      tenantId: doc.tenantId,
      documentType: 'invoice',
      status: 'indexed',
    });
    expect(byType.items.map((item) => item.id)).toEqual([doc.documentId]);
  });

  it('reaches the same end state when the events arrive all at once in any order', async () => {
    const doc = await newDocument();
    await Promise.all([
      doc.indexed(),
      doc.classified(),
      doc.started('indexing'),
      doc.extracted(),
      doc.started('extraction'),
      doc.uploaded(),
    ]);

    await timelineOf(doc, 6);
    const view = await documentWith(doc, { status: 'indexed', documentType: 'invoice', chunks: 7, pages: 3 });
    expect(view.stages.every((stage) => stage.status === 'done')).toBe(true);
    expect((await doc.timeline()).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('applies an event delivered twice only once', async () => {
    const doc = await newDocument();
    const uploaded = await doc.uploaded();
    await timelineOf(doc, 1);
    await metadata.caller.republish(uploaded, DocumentUploaded);
    const extracted = await doc.extracted();
    await metadata.caller.republish(extracted, DocumentExtracted);

    await documentWith(doc, { status: 'extracted' });
    // Give the duplicates time to be consumed before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const timeline = await doc.timeline();
    expect(timeline.map((entry) => entry.type)).toEqual(['document.uploaded', 'document.extracted']);
  });

  it('does not move back when a late start of extraction arrives after the document was classified', async () => {
    const doc = await newDocument();
    await doc.extracted();
    await doc.classified();
    await documentWith(doc, { status: 'classified' });

    await doc.started('extraction', 2);
    await timelineOf(doc, 3);
    const view = await doc.get();
    expect(view.status).toBe('classified');
    expect(view.stages[1]).toMatchObject({ stage: 'extraction', status: 'done' });
  });

  it('shows a failure with its stage, code and reason, and a reprocess resets the stages and the error', async () => {
    const doc = await newDocument();
    await doc.uploaded();
    await doc.started('extraction');
    await timelineOf(doc, 2);
    await metadata.caller.publish(
      DocumentProgressed,
      { stage: 'extraction', status: 'retrying', attempt: 2, reason: 'worker timed out' },
      doc,
    );
    await eventually(async () => {
      const extraction = (await doc.get()).stages.find((stage) => stage.stage === 'extraction');
      expect(extraction).toMatchObject({ status: 'retrying', attempt: 2, error: 'worker timed out' });
    });

    await doc.failed();
    const failed = await documentWith(doc, { status: 'failed' });
    expect(failed.error).toEqual({
      stage: 'extraction',
      code: 'corrupt_pdf',
      reason: 'The PDF has no cross-reference table',
      retryable: false,
    });
    expect(failed.stages[1]).toMatchObject({
      stage: 'extraction',
      status: 'failed',
      attempt: 3,
      error: 'The PDF has no cross-reference table',
    });

    // A late start of the failed stage does not revive the document.
    await doc.started('extraction', 3);
    await timelineOf(doc, 5);
    expect((await doc.get()).status).toBe('failed');

    await doc.reprocess();
    const reprocessed = await documentWith(doc, { status: 'queued', error: null });
    expect(reprocessed.stages.map((stage) => [stage.stage, stage.status, stage.attempt])).toEqual([
      ['ingestion', 'done', 1],
      ['extraction', 'pending', 0],
      ['classification', 'pending', 0],
      ['indexing', 'pending', 0],
    ]);

    await doc.started('extraction');
    await documentWith(doc, { status: 'extracting' });
  });

  it('marks a document deleted by its event, after which it is not found and its events change nothing', async () => {
    const doc = await newDocument();
    await doc.uploaded();
    await timelineOf(doc, 1);
    await metadata.caller.publish(DocumentDeleted, { objectKey: objectKeys.original(doc.tenantId, doc.documentId) }, doc);

    await eventually(() => expect(doc.get()).rejects.toMatchObject({ code: 'document_not_found' }));
    await expect(metadata.caller.call(DeleteDocument, doc)).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('acknowledges events for unknown documents without creating them, and keeps consuming', async () => {
    const tenantId = newTenant();
    const documentId = randomUUID();
    await metadata.caller.publish(
      DocumentUploaded,
      {
        objectKey: objectKeys.original(tenantId, documentId),
        sha256: newSha256(),
        sizeBytes: 1,
        mediaType: 'text/plain',
        fileName: 'a.txt',
        tags: [],
      },
      { tenantId, documentId },
    );
    await metadata.caller.publish(
      DocumentIndexed,
      { chunks: 1, indexName: 'documents', embedder: producer('lsi') },
      { tenantId, documentId: 'not-a-uuid' },
    );

    const doc = await newDocument();
    await doc.uploaded();
    await timelineOf(doc, 1);
    await expect(metadata.caller.call(GetDocument, { tenantId, documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('ignores events for a document published under another tenant', async () => {
    const doc = await newDocument();
    await metadata.caller.publish(
      DocumentIndexed,
      { chunks: 1, indexName: 'documents', embedder: producer('lsi') },
      { tenantId: newTenant(), documentId: doc.documentId },
    );
    await doc.uploaded();
    await timelineOf(doc, 1);
    expect((await doc.get()).status).toBe('queued');
  });
  it('ends a rejected upload rejected, with ingestion failed and the reason, and takes the same content again as a new document', async () => {
    const doc = await newDocument();
    expect(await doc.get()).toMatchObject({ status: 'received', mediaType: 'application/pdf' });
    await doc.rejected();

    const rejected = await documentWith(doc, { status: 'rejected' });
    expect(rejected.error).toEqual({
      stage: 'ingestion',
      code: 'unsupported_media_type',
      reason: 'A ZIP archive is not accepted (acme-invoice.pdf)',
      retryable: false,
    });
    expect(rejected.stages[0]).toMatchObject({
      stage: 'ingestion',
      status: 'failed',
      error: 'A ZIP archive is not accepted (acme-invoice.pdf)',
    });
    expect((await doc.timeline()).map((entry) => [entry.type, entry.stage, entry.status])).toEqual([
      ['document.rejected', 'ingestion', 'rejected'],
    ]);
    const again = await registerDocument(metadata.caller, doc.tenantId, { sha256: doc.sha256 });
    expect(again).toMatchObject({ duplicateOf: null, status: 'received' });
    expect(again.documentId).not.toBe(doc.documentId);
  });

  it('sets the type ingestion sniffed when the original is stored', async () => {
    const tenantId = newTenant();
    const { documentId } = await registerDocument(metadata.caller, tenantId, { declaredMediaType: 'application/octet-stream' });
    await metadata.caller.publish(
      DocumentUploaded,
      {
        objectKey: objectKeys.original(tenantId, documentId),
        sha256: newSha256(),
        sizeBytes: 1234,
        mediaType: 'text/plain',
        fileName: 'notes.txt',
        tags: [],
      },
      { tenantId, documentId },
    );
    await eventually(async () =>
      expect(await metadata.caller.call(GetDocument, { tenantId, documentId })).toMatchObject({
        status: 'queued',
        mediaType: 'text/plain',
      }),
    );
  });
});
