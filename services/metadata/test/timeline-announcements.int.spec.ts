import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import {
  DocumentExtracted,
  DocumentProgressed,
  DocumentTimelineAppended,
  GetTimeline,
  objectKeys,
  type Envelope,
} from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { newTenant, uploadDocument } from './support/documents';
import { eventually, startMetadata, type MetadataUnderTest } from './support/metadata-under-test';

describe('timeline announcements', () => {
  let metadata: MetadataUnderTest;
  let listener: BrokerConnection;
  const announced: Envelope<typeof DocumentTimelineAppended>[] = [];

  beforeAll(async () => {
    metadata = await startMetadata();
    const logger = createLogger({ service: 'metadata-test-listener', level: 'silent' });
    listener = new BrokerConnection({ url: metadata.rabbitmqUrl, connectionName: 'timeline-listener', logger });
    const subscription = new LiveSubscription(
      listener,
      [DocumentTimelineAppended],
      async (event) => {
        announced.push(event);
      },
      { logger },
    );
    await subscription.start();
    listener.start();
    await listener.whenConnected();
  });

  afterAll(async () => {
    await listener?.close();
    await metadata?.stop();
  });

  const announcementsOf = (documentId: string) => announced.filter((event) => event.documentId === documentId);

  it('announces each appended timeline entry, and announces it again when the event is redelivered', async () => {
    const tenantId = newTenant();
    const { documentId } = await uploadDocument(metadata.caller, tenantId);
    const target = { tenantId, documentId };
    // The upload's document.uploaded comes first.
    await eventually(async () => expect(announcementsOf(documentId)).toHaveLength(1));
    await metadata.caller.publish(DocumentProgressed, { stage: 'extraction', status: 'started', attempt: 1 }, target);
    const extracted = await metadata.caller.publish(
      DocumentExtracted,
      {
        textKey: objectKeys.extractedText(tenantId, documentId),
        pages: 2,
        characters: 900,
        language: 'en',
        extractor: { name: 'pdf-text', version: '1.0.0' },
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

    await eventually(async () => expect(announcementsOf(documentId)).toHaveLength(3));
    const { entries } = await metadata.caller.call(GetTimeline, { tenantId, documentId });
    expect(announcementsOf(documentId).map((event) => event.payload)).toEqual(entries);
    expect(announcementsOf(documentId).map((event) => [event.tenantId, event.payload.seq, event.payload.type])).toEqual([
      [tenantId, 1, 'document.uploaded'],
      [tenantId, 2, 'document.progressed'],
      [tenantId, 3, 'document.extracted'],
    ]);

    await metadata.caller.republish(extracted, DocumentExtracted);

    await eventually(async () => expect(announcementsOf(documentId)).toHaveLength(4));
    expect(announcementsOf(documentId)[3].payload).toEqual(entries[2]);
    expect((await metadata.caller.call(GetTimeline, { tenantId, documentId })).entries).toHaveLength(3);
  });
});
