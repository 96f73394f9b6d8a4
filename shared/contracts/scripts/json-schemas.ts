import { z } from 'zod';
import { zodToJsonSchema, type Options } from 'zod-to-json-schema';
import * as contracts from '../src';
import type { EventContract, RequestContract } from '../src';

// Its signature is typed against zod/v3, and matching it to these schemas is too deep for the compiler.
const toJsonSchema = zodToJsonSchema as unknown as (schema: z.ZodTypeAny, options: Partial<Options<'jsonSchema7'>>) => object;

const exported: unknown[] = Object.values(contracts);

/** Where the committed schemas live, relative to the package. */
export const SCHEMAS_DIR = 'schemas';

const isEvent = (value: unknown): value is EventContract =>
  typeof value === 'object' && value !== null && 'routingKey' in value && (value as EventContract).payload instanceof z.ZodType;
const isRequest = (value: unknown): value is RequestContract =>
  typeof value === 'object' &&
  value !== null &&
  'service' in value &&
  (value as RequestContract).request instanceof z.ZodType &&
  (value as RequestContract).response instanceof z.ZodType;

/** Every event contract the package exports, by routing key (each version its own). */
export function eventContracts(): EventContract[] {
  return uniqueBy(exported.filter(isEvent), (event) => event.routingKey);
}

/** Every request contract the package exports, by name. */
export function requestContracts(): RequestContract[] {
  return uniqueBy(exported.filter(isRequest), (request) => request.name);
}

/** The message on the wire: the envelope with this event's type, version and payload. */
export function eventMessageSchema(event: EventContract): z.ZodTypeAny {
  return contracts.envelopeSchema.extend({ type: z.literal(event.type), version: z.literal(event.version), payload: event.payload });
}

/** The error a caller of this request can get back: one of its own codes or the transport's, and a message for people. */
export function errorSchema(request: RequestContract): z.ZodTypeAny {
  // Never empty: the transport's codes are always there.
  const codes = [...request.errors, ...contracts.transportErrorCodes] as unknown as [string, ...string[]];
  return z.object({ code: z.enum(codes), message: z.string() });
}

/**
 * The JSON Schema files, by path under schemas/: one per event version (`events/<routing key>.json`, the whole
 * message) and three per request (`requests/<name>.request.json` as a sender may send it, `.response.json` as the
 * responder answers, `.error.json` with the codes it can fail with, and `.progress.json` for one that sends progress). Generated from the zod schemas, so they can only disagree when the committed copy is stale.
 */
export function jsonSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const event of eventContracts()) {
    files.set(`events/${event.routingKey}.json`, render(eventMessageSchema(event), event.routingKey, event.description, 'output'));
  }
  for (const request of requestContracts()) {
    const about = `Answered by ${request.service}. ${request.description}`;
    files.set(`requests/${request.name}.request.json`, render(request.request, `${request.name} request`, about, 'input'));
    files.set(`requests/${request.name}.response.json`, render(request.response, `${request.name} response`, about, 'output'));
    files.set(`requests/${request.name}.error.json`, render(errorSchema(request), `${request.name} error`, about, 'output'));
    if (request.progress) {
      files.set(`requests/${request.name}.progress.json`, render(request.progress, `${request.name} progress`, about, 'output'));
    }
  }
  return files;
}

function render(schema: z.ZodTypeAny, title: string, description: string, strategy: 'input' | 'output'): string {
  // A zod object drops keys it does not know rather than refusing them, so a reader of vN accepts a message with
  // fields added later: the schema allows them too. (This library's 'strict' removeAdditionalStrategy is the one
  // that writes a stripping object as additionalProperties: true; its default writes false.)
  const json = toJsonSchema(schema, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
    effectStrategy: 'input',
    pipeStrategy: strategy,
    removeAdditionalStrategy: 'strict',
  });
  const { $schema, ...rest } = json as { $schema?: string };
  return `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`;
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const value of values) {
    const existing = byKey.get(key(value));
    if (existing && existing !== value) throw new Error(`Two contracts share ${key(value)}; each version needs its own`);
    byKey.set(key(value), value);
  }
  return [...byKey.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
