import { randomUUID } from 'node:crypto';
import { currentContext, type RequestContext } from '@docpipe/platform';
import type { EnvelopeOrigin } from '@docpipe/contracts';

/** The context a handler runs in: the event's correlation, with the event itself as the cause of what follows. */
export function contextOf(envelope: EnvelopeOrigin & { id: string }): RequestContext {
  return {
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    tenantId: envelope.tenantId,
    documentId: envelope.documentId,
  };
}

/** Fills an outgoing envelope's origin from the work in progress; explicit values win. */
export function originFor(target: { documentId?: string; tenantId?: string }): EnvelopeOrigin {
  const context = currentContext();
  const tenantId = target.tenantId ?? context?.tenantId;
  const documentId = target.documentId ?? context?.documentId;
  if (!tenantId || !documentId) {
    throw new Error('An event needs a tenantId and a documentId: pass them or publish while handling a request/event');
  }
  return {
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    tenantId,
    documentId,
  };
}
