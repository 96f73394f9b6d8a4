import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanKind,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { ConsumeMessage } from 'amqplib';
import { errorMessage } from '@docpipe/platform';

/**
 * OpenTelemetry for the backbone: the W3C trace context travels in the AMQP headers of every event and request,
 * so one upload is one trace across the services. Without a registered tracer (tracing off) every call here is
 * the API's no-op: no headers are added and no span is recorded.
 */
const tracer = trace.getTracer('@docpipe/events');

export type MessageHeaders = Record<string, unknown>;

const headerSetter: TextMapSetter<MessageHeaders> = {
  set: (headers, key, value) => {
    headers[key] = value;
  },
};

const headerGetter: TextMapGetter<MessageHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => {
    const value = headers[key];
    if (typeof value === 'string') return value;
    return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
  },
};

/** The trace context of `from` as headers (`traceparent`, `tracestate`); empty when tracing is off. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(from, headers, headerSetter);
  return headers;
}

/** The context the trace headers of a message (or an outbox row) describe; the root context when there are none. */
export function contextFromHeaders(headers: MessageHeaders | null | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, headerGetter);
}

/**
 * Runs `work` in a new span, child of `parent`, that ends when the work settles and records what it threw.
 * `attributes` is called only for a recording span: with tracing off, every event would otherwise build them for nothing.
 */
export function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes: () => Attributes },
  parent: Context,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: options.kind }, parent, async (span) => {
    if (span.isRecording()) span.setAttributes(options.attributes());
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

export function markFailed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : errorMessage(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
}

export interface MessageDescription {
  /** The exchange published to, or the queue consumed from. */
  destination: string;
  routingKey?: string;
  messageId?: unknown;
  correlationId?: unknown;
  type?: unknown;
  tenantId?: unknown;
  documentId?: unknown;
}

/** OpenTelemetry's messaging attributes for RabbitMQ, plus docpipe's ids to find a document's traces by. */
export function messageAttributes(message: MessageDescription): Attributes {
  const attributes: Record<string, unknown> = {
    'messaging.system': 'rabbitmq',
    'messaging.destination.name': message.destination,
    'messaging.rabbitmq.destination.routing_key': message.routingKey,
    'messaging.message.id': message.messageId,
    'docpipe.correlation_id': message.correlationId,
    'docpipe.message_type': message.type,
    'docpipe.tenant_id': message.tenantId,
    'docpipe.document_id': message.documentId,
  };
  return Object.fromEntries(Object.entries(attributes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The attributes of an event delivered from `queue`, read from the AMQP message the publisher stamped. */
export function deliveryAttributes(queue: string, { fields, properties }: ConsumeMessage): Attributes {
  return messageAttributes({
    destination: queue,
    routingKey: fields.routingKey,
    messageId: properties.messageId,
    correlationId: properties.correlationId,
    type: properties.type,
    tenantId: properties.headers?.['x-tenant-id'],
    documentId: properties.headers?.['x-document-id'],
  });
}
