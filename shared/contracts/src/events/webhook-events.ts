import { z } from 'zod';
import { defineEvent } from '../contract';
import { envelopeSchema } from '../envelope';
import { DocumentClassified } from './document-classified';
import { DocumentDeleted } from './document-deleted';
import { DocumentExtracted } from './document-extracted';
import { DocumentFailed } from './document-failed';
import { DocumentIndexed } from './document-indexed';
import { DocumentRejected } from './document-rejected';
import { DocumentTypeCorrected } from './document-type-corrected';
import { DocumentUploaded } from './document-uploaded';

/**
 * The document events a tenant may subscribe an endpoint to, by type (the receiver gets the version in the body).
 * Each maps to the routing key the delivery worker binds (see the queue catalogue in @docpipe/events).
 */
export const webhookEventTypeSchema = z.enum([
  'document.uploaded',
  'document.rejected',
  'document.extracted',
  'document.classified',
  'document.indexed',
  'document.failed',
  'document.deleted',
  'document.type-corrected',
]);
export type WebhookEventType = z.output<typeof webhookEventTypeSchema>;

/** The versions delivered: the delivery worker binds these routing keys, one contract per subscribable type. */
export const webhookEventContracts = [
  DocumentUploaded,
  DocumentRejected,
  DocumentExtracted,
  DocumentClassified,
  DocumentIndexed,
  DocumentFailed,
  DocumentDeleted,
  DocumentTypeCorrected,
] as const satisfies ReadonlyArray<{ type: WebhookEventType }>;

/** Why a delivery worker stopped sending to an endpoint. */
export const webhookDisabledCodeSchema = z.enum(['sustained_failure', 'address_refused']);

const endpointFacts = {
  url: z.string().url(),
  eventTypes: z.array(webhookEventTypeSchema).min(1),
  /**
   * The signing secret (whsec_…): the delivery worker signs every request with it. It travels on the private broker
   * and is stored by metadata because the worker must hold it in clear; admins see it once, at registration.
   */
  secret: z.string().min(16),
};

/**
 * Endpoints are not about a document: the envelope's documentId carries the endpoint id (the subject of the event),
 * and its tenantId the endpoint's tenant.
 */
export const WebhookRegistered = defineEvent({
  type: 'webhook.registered',
  version: 1,
  description:
    'A tenant registered a webhook endpoint (or enabled a disabled one again); every delivery worker sends its subscribed events to it from now on.',
  broadcast: true,
  payload: z.object({ endpointId: z.string().uuid(), ...endpointFacts }),
});

export const WebhookRemoved = defineEvent({
  type: 'webhook.removed',
  version: 1,
  description: 'A tenant removed a webhook endpoint; delivery workers stop sending to it.',
  broadcast: true,
  payload: z.object({ endpointId: z.string().uuid() }),
});

export const WebhookDisabled = defineEvent({
  type: 'webhook.disabled',
  version: 1,
  description: 'The delivery worker stopped sending to an endpoint (it failed for too long); metadata records the reason.',
  payload: z.object({
    endpointId: z.string().uuid(),
    code: webhookDisabledCodeSchema,
    reason: z.string().min(1),
  }),
});

/** The subject of a delivery's events is the document the delivered event is about (documentId of the envelope). */
export const WebhookDeliveryRequested = defineEvent({
  type: 'webhook.delivery-requested',
  version: 1,
  description: 'One document event to deliver to one endpoint; the delivery worker sends it, metadata logs it.',
  payload: z.object({
    deliveryId: z.string().uuid(),
    endpointId: z.string().uuid(),
    /** The document event as published on the bus: the body of the request, unchanged. */
    event: envelopeSchema,
    /** The delivery this one repeats (an admin asked to redeliver it), null for the first. */
    redeliveryOf: z.string().uuid().nullable(),
  }),
});

export const WebhookDeliveryAttempted = defineEvent({
  type: 'webhook.delivery-attempted',
  version: 1,
  description: 'The delivery worker tried one delivery once: answered 2xx, failed (retried later) or failed for the last time.',
  payload: z.object({
    deliveryId: z.string().uuid(),
    endpointId: z.string().uuid(),
    /** 1 for the first try; 0 when the delivery was abandoned without a try (its endpoint was disabled meanwhile). */
    attempt: z.number().int().nonnegative(),
    outcome: z.enum(['delivered', 'retrying', 'abandoned']),
    /** The receiver's HTTP status, null when there was no answer (refused address, timeout, connection error). */
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int().nonnegative(),
  }),
});
