import {
  AdminActionPerformed,
  allContracts,
  ApiKeyUsed,
  DocumentClassified,
  DocumentDeleted,
  DocumentExtracted,
  DocumentReceived,
  DocumentReprocessRequested,
  DocumentTypeCorrected,
  DocumentUploaded,
  webhookEventContracts,
  WebhookDeliveryAttempted,
  WebhookDeliveryRequested,
  WebhookDisabled,
} from '@docpipe/contracts';
import { defineQueue, type QueueSpec } from './topology';

/**
 * Every durable queue of the pipeline: who consumes what, and why. This catalogue is the
 * choreography; the RabbitMQ definitions file and the README's queue table are generated from it.
 */
export const queues = {
  ingestUpload: defineQueue({
    service: 'ingestion',
    purpose: 'ingest-upload',
    description: 'Checks what each received upload really is, stores it as the original and starts the pipeline (or rejects it).',
    events: [DocumentReceived],
  }),
  extractText: defineQueue({
    service: 'extraction',
    purpose: 'extract-text',
    description: 'Extracts text, pages, language and entities from each uploaded (or reprocessed) original.',
    events: [DocumentUploaded, DocumentReprocessRequested],
  }),
  classifyDocument: defineQueue({
    service: 'classification',
    purpose: 'classify-document',
    description: 'Decides the document type and type-specific fields from the extracted text.',
    events: [DocumentExtracted],
  }),
  learnCorrections: defineQueue({
    service: 'classification',
    purpose: 'learn-corrections',
    description: 'Learns the types users set by hand, per tenant, for that tenant’s next documents.',
    events: [DocumentTypeCorrected],
  }),
  forgetExamples: defineQueue({
    service: 'classification',
    purpose: 'forget-examples',
    description: 'Forgets a deleted document as an example its tenant taught the classifier.',
    events: [DocumentDeleted],
  }),
  indexDocument: defineQueue({
    service: 'indexing',
    purpose: 'index-document',
    description: 'Chunks and embeds classified documents into the search index.',
    events: [DocumentClassified],
  }),
  retypeChunks: defineQueue({
    service: 'indexing',
    purpose: 'retype-chunks',
    description: "Sets a user's corrected type on the document's chunks, so search filters and facets show it.",
    events: [DocumentTypeCorrected],
  }),
  removeFromIndex: defineQueue({
    service: 'indexing',
    purpose: 'remove-from-index',
    description: "Removes a deleted document's chunks from the search index.",
    events: [DocumentDeleted],
  }),
  removeOriginal: defineQueue({
    service: 'ingestion',
    purpose: 'remove-original',
    description: "Removes a deleted document's original and derived blobs from the object store.",
    events: [DocumentDeleted],
  }),
  trackStatus: defineQueue({
    service: 'metadata',
    purpose: 'track-status',
    description: 'Keeps each document’s status and per-stage history current in PostgreSQL.',
    events: allContracts,
  }),
  fanOutWebhooks: defineQueue({
    service: 'notification',
    purpose: 'fan-out-webhooks',
    description: 'Turns each document event a tenant subscribed to into one webhook delivery per endpoint, in the order of the events.',
    events: webhookEventContracts,
    // One consumer at a time, so the deliveries of one document are requested in the order of its events.
    singleActiveConsumer: true,
  }),
  deliverWebhooks: defineQueue({
    service: 'notification',
    purpose: 'deliver-webhooks',
    description:
      'Sends each webhook delivery, signed, to its endpoint: retried with backoff in order per endpoint and document, dead-lettered when abandoned.',
    events: [WebhookDeliveryRequested],
    // The worker retries in-process (a later event of the same document must wait behind an earlier one, which a
    // delay queue would let overtake it), so the bus retries only what the worker could not even start; one active
    // consumer keeps the order, and a wide prefetch keeps one slow endpoint from holding up the others.
    retry: { maxAttempts: 3 },
    singleActiveConsumer: true,
    prefetch: 256,
  }),
  recordWebhookDeliveries: defineQueue({
    service: 'metadata',
    purpose: 'record-webhook-deliveries',
    description: 'Keeps each webhook endpoint’s delivery log (every attempt) and the reason an endpoint was disabled.',
    events: [WebhookDeliveryRequested, WebhookDeliveryAttempted, WebhookDisabled],
  }),
  recordKeyUse: defineQueue({
    service: 'metadata',
    purpose: 'record-key-use',
    description: 'Keeps the last time each API key authenticated a request, shown in the admin API’s key list.',
    events: [ApiKeyUsed],
  }),
  recordAudit: defineQueue({
    service: 'metadata',
    purpose: 'record-audit',
    description: 'Keeps the audit log of admin actions (keys created, revoked, rotated; dead letters redriven; documents deleted).',
    events: [AdminActionPerformed],
  }),
} as const satisfies Record<string, QueueSpec>;

export const allQueues: readonly QueueSpec[] = Object.values(queues);
