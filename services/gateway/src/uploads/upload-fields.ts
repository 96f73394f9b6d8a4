import { HttpStatus } from '@nestjs/common';
import { z } from 'zod';
import { describeIssues } from '@docpipe/contracts';
import { ApiError } from '../errors/api-error';

const tagsSchema = z
  .array(z.string().trim().min(1, 'a tag is not empty').max(64, 'a tag has at most 64 characters'))
  .max(50, 'at most 50 tags');
const metadataSchema = z.record(z.unknown(), { invalid_type_error: 'metadata is a JSON object' });

/** Metadata is a few labels, not a document: small and shallow, so no later step (a log, a query, a stack) chokes on it. */
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_METADATA_DEPTH = 8;

export const UPLOAD_FIELDS = ['tags', 'metadata'] as const;

export interface UploadFields {
  tags: string[];
  metadata: Record<string, unknown>;
}

/** The form fields besides the files: `tags` as a comma list or JSON array, `metadata` as a JSON object. */
export function parseUploadFields(fields: ReadonlyMap<string, string>): UploadFields {
  const unknown = [...fields.keys()].filter((name) => !(UPLOAD_FIELDS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw invalid(`Unknown form field ${unknown.join(', ')}; send files plus optional ${UPLOAD_FIELDS.join(' and ')}`);
  return { tags: parseTags(fields.get('tags')), metadata: parseMetadata(fields.get('metadata')) };
}

function parseTags(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const list = raw.trim().startsWith('[') ? parseJson(raw, 'tags') : raw.split(',').filter((tag) => tag.trim() !== '');
  const parsed = tagsSchema.safeParse(list);
  if (!parsed.success) throw invalid(`Invalid tags (a comma list or a JSON array of strings): ${describeIssues(parsed.error.issues)}`);
  return [...new Set(parsed.data)];
}

function parseMetadata(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return {};
  if (Buffer.byteLength(raw) > MAX_METADATA_BYTES) throw invalid(`The metadata field is larger than ${MAX_METADATA_BYTES / 1024} KiB`);
  const json = parseJson(raw, 'metadata');
  if (depthOf(json) > MAX_METADATA_DEPTH) throw invalid(`Metadata may nest objects and arrays ${MAX_METADATA_DEPTH} levels deep at most`);
  const parsed = metadataSchema.safeParse(json);
  if (!parsed.success) throw invalid('Invalid metadata: send a JSON object, e.g. {"source":"scanner-3"}');
  return parsed.data;
}

/** How deeply objects and arrays nest in a parsed JSON value, counted without recursion (the value may be hostile). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_METADATA_DEPTH) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function parseJson(raw: string, field: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(`The ${field} field is not valid JSON`);
  }
}

function invalid(message: string): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'invalid_request', message);
}
