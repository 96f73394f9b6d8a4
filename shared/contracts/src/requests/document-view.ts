import { z } from 'zod';
import { stageSchema } from '../events/stage';
import { documentStatuses } from './document-statuses';

export const documentStatusSchema = z.enum(documentStatuses);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/** Where one stage stands for one document, with its timing and, if it failed, why. */
export const stageViewSchema = z.object({
  stage: stageSchema,
  /** `cancelled`: the document was cancelled before this stage finished. */
  status: z.enum(['pending', 'running', 'retrying', 'done', 'failed', 'cancelled']),
  attempt: z.number().int().nonnegative(),
  startedAt: z.string().datetime().nullable(),
  finishedAt: z.string().datetime().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
});

export const fieldSchema = z.object({
  value: z.string(),
  page: z.number().int().positive().nullable(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  /** How sure the extractor is (0..1); absent from fields classified before it was recorded. */
  confidence: z.number().min(0).max(1).optional(),
});

/**
 * A document that stayed in its current status longer than that status's time budget: `stage` is the stage it
 * waits for or runs in, `since` when it entered `status`. Cleared as soon as the status changes.
 */
export const stalledSchema = z.object({
  stage: stageSchema,
  status: documentStatusSchema,
  since: z.string().datetime(),
  budgetSeconds: z.number().int().positive(),
});

/** A title a user gave the document; without one it is shown by its file name. */
export const documentTitleSchema = z
  .string()
  .trim()
  .min(1, 'a title is not empty')
  .max(200, 'a title has at most 200 characters')
  .refine((title) => !/\p{Cc}/u.test(title), 'a title has no control characters');

/** Characters a note keeps besides printable text: line breaks and tabs. */
const NOTE_LAYOUT = new Set(['\n', '\r', '\t']);

/** A user's note on a document: free text kept with it (line breaks too), shown on its page. */
export const documentNoteSchema = z
  .string()
  .trim()
  .min(1, 'a note is not empty (null removes it)')
  .max(10_000, 'a note has at most 10,000 characters')
  .refine((note) => [...note].every((character) => NOTE_LAYOUT.has(character) || !/\p{Cc}/u.test(character)), {
    message: 'a note has no control characters other than line breaks and tabs',
  });

export const documentSummarySchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  /** Null until a user sets one (then the file name stands for it). */
  title: z.string().nullable(),
  mediaType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  status: documentStatusSchema,
  documentType: z.string().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  tags: z.array(z.string()),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** Null (or absent, from older services) while the document is within its time budget. */
  stalled: stalledSchema.nullable().optional(),
});

export const documentViewSchema = documentSummarySchema.extend({
  /** The user's note; null until one is written. */
  note: z.string().nullable(),
  sha256: z.string(),
  objectKey: z.string(),
  textKey: z.string().nullable(),
  language: z.string().nullable(),
  pages: z.number().int().nonnegative().nullable(),
  chunks: z.number().int().nonnegative().nullable(),
  metadata: z.record(z.unknown()),
  fields: z.record(fieldSchema),
  error: z.object({ stage: stageSchema, code: z.string(), reason: z.string(), retryable: z.boolean() }).nullable(),
  stages: z.array(stageViewSchema),
  /** Producer versions per stage (extractor, classifier, embedder), to know what to redo after an upgrade. */
  pipeline: z.record(z.object({ name: z.string(), version: z.string() })),
});

export type Stalled = z.infer<typeof stalledSchema>;
export type DocumentSummary = z.infer<typeof documentSummarySchema>;
export type DocumentView = z.infer<typeof documentViewSchema>;
