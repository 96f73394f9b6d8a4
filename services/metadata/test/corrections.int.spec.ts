import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import { CorrectDocument, DocumentTimelineAppended, GetDocument, GetTimeline, type Envelope } from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { newTenant, uploadDocument } from './support/documents';
import { eventually, startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

describe('type corrections and edits in the timeline', () => {
  let metadata: MetadataUnderTest;
  let listener: BrokerConnection;
  const announced: Envelope<typeof DocumentTimelineAppended>[] = [];

  beforeAll(async () => {
    metadata = await startMetadata();
    const logger = createLogger({ service: 'metadata-test-listener', level: 'silent' });
    listener = new BrokerConnection({ url: metadata.rabbitmqUrl, connectionName: 'corrections-listener', logger });
    await new LiveSubscription(listener, [DocumentTimelineAppended], async (event) => void announced.push(event), { logger }).start();
    listener.start();
    await listener.whenConnected();
  });

  afterAll(async () => {
    await listener?.close();
    await metadata?.stop();
  });

  const timeline = async (tenantId: string, documentId: string) =>
    (await metadata.caller.call(GetTimeline, { tenantId, documentId })).entries;

  it('records a user’s change of type in the timeline and announces it to live views; changed tags are an edit, the same type adds nothing', async () => {
    const tenantId = newTenant();
    const { documentId } = await uploadDocument(metadata.caller, tenantId);
    await eventually(async () => expect((await timeline(tenantId, documentId)).map((entry) => entry.type)).toEqual(['document.uploaded']));

    await metadata.caller.call(CorrectDocument, { tenantId, documentId, documentType: 'payslip', tags: ['hr'] });
    await metadata.caller.call(CorrectDocument, { tenantId, documentId, tags: ['hr', '2026'] });
    await metadata.caller.call(CorrectDocument, { tenantId, documentId, documentType: 'payslip' });
    await metadata.caller.call(CorrectDocument, { tenantId, documentId, documentType: 'letter' });

    const entries = await timeline(tenantId, documentId);
    expect(entries.map(({ type, detail }) => ({ type, detail }))).toEqual([
      { type: 'document.uploaded', detail: expect.any(Object) },
      { type: 'document.type-corrected', detail: { documentType: 'payslip', previousType: null } },
      { type: 'document.edited', detail: { tags: { from: [], to: ['hr'] } } },
      { type: 'document.edited', detail: { tags: { from: ['hr'], to: ['hr', '2026'] } } },
      { type: 'document.type-corrected', detail: { documentType: 'letter', previousType: 'payslip' } },
    ]);
    await eventually(async () =>
      expect(
        announced
          .filter((event) => event.documentId === documentId && event.payload.type === 'document.type-corrected')
          .map((event) => event.payload.seq),
      ).toEqual([entries[1].seq, entries[4].seq]),
    );
  });

  it('keeps a user’s note with the document (trimmed, line breaks kept), records each change as an edit, and removes it on null', async () => {
    const tenantId = newTenant();
    const { documentId } = await uploadDocument(metadata.caller, tenantId);
    expect((await metadata.caller.call(GetDocument, { tenantId, documentId })).note).toBeNull();

    const noted = await metadata.caller.call(CorrectDocument, { tenantId, documentId, note: '  Paid by transfer.\nAsk for a receipt.  ' });
    expect(noted.note).toBe('Paid by transfer.\nAsk for a receipt.');
    await metadata.caller.call(CorrectDocument, { tenantId, documentId, note: 'Paid by transfer.\nAsk for a receipt.' });
    await metadata.caller.call(CorrectDocument, { tenantId, documentId, note: null });
    expect((await metadata.caller.call(GetDocument, { tenantId, documentId })).note).toBeNull();

    const edits = (await timeline(tenantId, documentId)).filter((entry) => entry.type === 'document.edited');
    expect(edits.map((entry) => entry.detail)).toEqual([
      { note: { from: null, to: 'Paid by transfer.\nAsk for a receipt.' } },
      { note: { from: 'Paid by transfer.\nAsk for a receipt.', to: null } },
    ]);
  });
});
