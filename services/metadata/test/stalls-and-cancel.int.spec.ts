import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import {
  CancelDocument,
  DocumentCancelRequested,
  DocumentExtracted,
  DocumentProgressed,
  DocumentTimelineAppended,
  GetDocument,
  GetTimeline,
  ListDocuments,
  objectKeys,
  ReprocessDocument,
  type Envelope,
} from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { StallDetector } from '../src/stalls/stall-detector';
import { newTenant, uploadDocument } from './support/documents';
import { eventually, METRICS_TOKEN, startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

const BUDGET_SECONDS = 1;

describe('stalled and cancelled documents', () => {
  let metadata: MetadataUnderTest;
  let listener: BrokerConnection;
  const announced: Envelope<typeof DocumentTimelineAppended>[] = [];
  const cancels: Envelope<typeof DocumentCancelRequested>[] = [];

  beforeAll(async () => {
    // Tiny budgets, and no sweep on a timer: each test sweeps when it means to.
    metadata = await startMetadata({
      STALL_SWEEP_INTERVAL_SECONDS: '3600',
      STALL_QUEUED_SECONDS: String(BUDGET_SECONDS),
      STALL_EXTRACTING_SECONDS: '3600',
      STALL_CLASSIFYING_SECONDS: String(BUDGET_SECONDS),
      STALL_INDEXING_SECONDS: String(BUDGET_SECONDS),
    });
    const logger = createLogger({ service: 'metadata-test-listener', level: 'silent' });
    listener = new BrokerConnection({ url: metadata.rabbitmqUrl, connectionName: 'stall-listener', logger });
    const subscription = new LiveSubscription(listener, [DocumentTimelineAppended], async (event) => void announced.push(event), {
      logger,
    });
    await subscription.start();
    // As each worker process hears cancels: on its own live queue.
    await new LiveSubscription(listener, [DocumentCancelRequested], async (event) => void cancels.push(event), { logger }).start();
    listener.start();
    await listener.whenConnected();
  });

  afterAll(async () => {
    await listener?.close();
    await metadata?.stop();
  });

  const sweep = () => metadata.app.get(StallDetector).sweep();
  const get = (tenantId: string, documentId: string) => metadata.caller.call(GetDocument, { tenantId, documentId });
  const timelineTypes = async (tenantId: string, documentId: string) =>
    (await metadata.caller.call(GetTimeline, { tenantId, documentId })).entries.map((entry) => entry.type);

  async function inProgress() {
    const tenantId = newTenant();
    const { documentId } = await uploadDocument(metadata.caller, tenantId);
    // The upload's document.uploaded is applied first, so later events follow it.
    await eventually(async () => expect(await timelineTypes(tenantId, documentId)).toEqual(['document.uploaded']));
    return { tenantId, documentId, target: { tenantId, documentId } };
  }

  it('reports a document stalled once, even with sweeps running at once, and clears it when the document moves on', async () => {
    const { tenantId, documentId, target } = await inProgress();
    await sleep(BUDGET_SECONDS * 1000 + 200);

    await Promise.all([sweep(), sweep(), sweep()]);
    await sweep();

    const stalled = await get(tenantId, documentId);
    expect(stalled.status).toBe('queued');
    expect(stalled.stalled).toEqual({ stage: 'extraction', status: 'queued', since: expect.any(String), budgetSeconds: BUDGET_SECONDS });
    const { entries } = await metadata.caller.call(GetTimeline, { tenantId, documentId });
    const reports = entries.filter((entry) => entry.type === 'document.stalled');
    expect(reports).toEqual([
      {
        seq: 2,
        type: 'document.stalled',
        stage: 'extraction',
        status: 'queued',
        detail: { stage: 'extraction', status: 'queued', since: stalled.stalled!.since, budgetSeconds: BUDGET_SECONDS },
        occurredAt: expect.any(String),
      },
    ]);
    await eventually(async () =>
      expect(announced.filter((event) => event.documentId === documentId).map((event) => event.payload.type)).toContain('document.stalled'),
    );
    const listed = await metadata.caller.call(ListDocuments, { tenantId, stalled: true });
    expect(listed.items.map((item) => item.id)).toEqual([documentId]);

    await metadata.caller.publish(DocumentProgressed, { stage: 'extraction', status: 'started', attempt: 1 }, target);
    await eventually(async () => expect(await get(tenantId, documentId)).toMatchObject({ status: 'extracting', stalled: null }));
    expect((await metadata.caller.call(ListDocuments, { tenantId, stalled: true })).total).toBe(0);
  });

  it('cancels a document in progress, keeps it cancelled when late results arrive, and restarts it on a reprocess', async () => {
    const { tenantId, documentId, target } = await inProgress();
    await metadata.caller.publish(DocumentProgressed, { stage: 'extraction', status: 'started', attempt: 1 }, target);
    await eventually(async () => expect((await get(tenantId, documentId)).status).toBe('extracting'));

    const cancelled = await metadata.caller.call(CancelDocument, { tenantId, documentId });
    expect(cancelled.status).toBe('cancelled');
    expect(Object.fromEntries(cancelled.stages.map((stage) => [stage.stage, stage.status]))).toEqual({
      ingestion: 'done',
      extraction: 'cancelled',
      classification: 'cancelled',
      indexing: 'cancelled',
    });
    await eventually(async () =>
      expect(announced.filter((event) => event.documentId === documentId).map((event) => event.payload.type)).toContain(
        'document.cancelled',
      ),
    );
    // The workers are told, with the time the cancel was committed: the runs started before it stop.
    const cancelledEntry = announced.find((event) => event.documentId === documentId && event.payload.type === 'document.cancelled');
    await eventually(async () =>
      expect(cancels.filter((event) => event.documentId === documentId).map((event) => event.payload)).toEqual([
        { cancelledAt: cancelledEntry?.payload.occurredAt },
      ]),
    );

    // The extraction already under way finishes anyway: its result is recorded on the timeline, but changes nothing.
    await metadata.caller.publish(
      DocumentExtracted,
      {
        textKey: objectKeys.extractedText(tenantId, documentId),
        pages: 1,
        characters: 10,
        language: 'en',
        extractor: { name: 'plain-text', version: '1.0.0' },
        facts: {
          fileName: 'invoice-2025-01.pdf',
          mediaType: 'application/pdf',
          tags: [],
          uploadedAt: new Date().toISOString(),
          runStartedAt: new Date().toISOString(),
        },
      },
      target,
    );
    await eventually(async () => expect(await timelineTypes(tenantId, documentId)).toContain('document.extracted'));
    expect(await get(tenantId, documentId)).toMatchObject({ status: 'cancelled', textKey: null });
    await expect(metadata.caller.call(CancelDocument, { tenantId, documentId })).rejects.toMatchObject({
      code: 'document_finished_conflict',
    });

    // Nothing stalls once cancelled, however long it stays so.
    await sleep(BUDGET_SECONDS * 1000 + 200);
    await sweep();
    expect((await get(tenantId, documentId)).stalled).toBeNull();

    expect(await metadata.caller.call(ReprocessDocument, { tenantId, documentId })).toEqual({ documentId, status: 'queued' });
    expect(await get(tenantId, documentId)).toMatchObject({ status: 'queued', error: null });
    await eventually(async () => expect(await timelineTypes(tenantId, documentId)).toContain('document.reprocess-requested'));
    const restarted = await get(tenantId, documentId);
    expect(restarted.status).toBe('queued');
    // The reprocess carries the document's facts, so the stages never ask for them.
    const { entries } = await metadata.caller.call(GetTimeline, { tenantId, documentId });
    expect(entries.find((entry) => entry.type === 'document.reprocess-requested')?.detail).toEqual({
      objectKey: restarted.objectKey,
      mediaType: 'application/pdf',
      fileName: 'invoice-2025-01.pdf',
      tags: [],
      uploadedAt: restarted.createdAt,
    });
    expect(restarted.stages.find((stage) => stage.stage === 'extraction')?.status).toBe('pending');
  });

  it('answers not found for cancelling another tenant’s document', async () => {
    const { documentId } = await inProgress();
    await expect(metadata.caller.call(CancelDocument, { tenantId: newTenant(), documentId })).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('counts documents per status and stalled documents per stage on /metrics', async () => {
    // Documents of the tests before are reported first, so only this test's documents change the counts.
    await sleep(BUDGET_SECONDS * 1000 + 200);
    await sweep();
    const before = await scrape();
    const first = await inProgress();
    await inProgress();
    await metadata.caller.call(CancelDocument, first);
    await sleep(BUDGET_SECONDS * 1000 + 200);
    await sweep();

    const after = await scrape();
    const change = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(change('docpipe_documents{status="queued"}')).toBe(1);
    expect(change('docpipe_documents{status="cancelled"}')).toBe(1);
    expect(change('docpipe_documents_stalled{stage="extraction"}')).toBe(1);
    expect(after.get('docpipe_documents{status="indexed"}')).toBe(0);
  });

  /** The gauges' samples by name and label (the service's default label left out). */
  async function scrape(): Promise<Map<string, number>> {
    const { port } = metadata.app.getHttpServer().address() as AddressInfo;
    const headers = { authorization: `Bearer ${METRICS_TOKEN}` };
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers })).text();
    const samples = new Map<string, number>();
    for (const [, name, labels, value] of text.matchAll(/^(docpipe_documents\w*)\{([^}]*)\} (\d+)$/gm)) {
      samples.set(`${name}{${/(?:status|stage)="[^"]*"/.exec(labels)?.[0]}}`, Number(value));
    }
    return samples;
  }
});
