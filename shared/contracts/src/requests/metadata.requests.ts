import { z } from 'zod';
import { documentTypeNameSchema } from '../events/document-type-corrected';
import { defineRequest } from '../request';
import { documentNoteSchema, documentStatusSchema, documentSummarySchema, documentTitleSchema, documentViewSchema } from './document-view';

const tenantId = z.string().min(1);

/**
 * Records an upload staged by the gateway as a `received` document and enqueues its document.received in
 * the same transaction; the same content already recorded is answered instead (`duplicateOf`). Ingestion
 * checks and stores the bytes afterwards.
 */
export const RegisterDocument = defineRequest({
  name: 'metadata.register-document',
  service: 'metadata',
  description: 'Records an uploaded document, or answers the existing one with the same content.',
  request: z.object({
    tenantId,
    documentId: z.string().uuid(),
    fileName: z.string().min(1).max(255),
    declaredMediaType: z.string().optional(),
    sizeBytes: z.number().int().positive(),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    stagingKey: z.string().min(1),
    tags: z.array(z.string().min(1).max(64)).max(50).default([]),
    metadata: z.record(z.unknown()).default({}),
  }),
  response: z.object({
    documentId: z.string().uuid(),
    duplicateOf: z.string().uuid().nullable(),
    status: documentStatusSchema,
    /** The declared type until ingestion has sniffed the bytes. */
    mediaType: z.string(),
  }),
  errors: ['document_id_taken', 'registration_conflict'],
});

/** Not found (code `document_not_found`) for another tenant's id as for an unknown one. */
export const GetDocument = defineRequest({
  name: 'metadata.get-document',
  service: 'metadata',
  description: 'One document with its status per stage, type, fields and error.',
  request: z.object({ tenantId, documentId: z.string().uuid() }),
  response: documentViewSchema,
  errors: ['document_not_found'],
});

/** How a list is ordered: upload time, title (the file name where none is set) or type; `-` for descending. */
export const documentSortSchema = z.enum(['-created', 'created', 'title', '-title', 'type', '-type']);
export type DocumentSort = z.infer<typeof documentSortSchema>;

/** The most frequent tags a list's facets count; a tenant may have many more. */
export const MAX_TAG_FACETS = 20;

const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int().positive() }));

/**
 * How many listed documents have each status, type and tag, most first (ties by value). Each facet counts among the
 * documents that all the other filters match, its own left out, so its other values stay visible to choose instead.
 * Untyped documents have no type to count; only the MAX_TAG_FACETS most frequent tags are counted.
 */
export const documentListFacetsSchema = z.object({ status: facetCounts, documentType: facetCounts, tag: facetCounts });
export type DocumentListFacets = z.infer<typeof documentListFacetsSchema>;

export const ListDocuments = defineRequest({
  name: 'metadata.list-documents',
  service: 'metadata',
  description:
    'A page of documents, newest first unless sorted otherwise, filtered by status, type, tag, date range and title text; with counts per status, type and tag when asked.',
  request: z.object({
    tenantId,
    status: documentStatusSchema.optional(),
    /** Only documents stalled (true) or not stalled (false). */
    stalled: z.boolean().optional(),
    documentType: z.string().optional(),
    tag: z.string().optional(),
    from: z.string().datetime().optional(),
    to: z.string().datetime().optional(),
    /** Text the title or the file name contains. */
    q: z.string().max(200).optional(),
    sort: documentSortSchema.default('-created'),
    page: z.number().int().min(1).default(1),
    size: z.number().int().min(1).max(100).default(20),
    /** Also count per status, type and tag (three more queries, so only when a view shows them). */
    facets: z.boolean().default(false),
  }),
  response: z.object({
    items: z.array(documentSummarySchema),
    total: z.number().int().nonnegative(),
    page: z.number().int(),
    size: z.number().int(),
    /** Present when asked for. */
    facets: documentListFacetsSchema.optional(),
  }),
  errors: [],
});

/** Marks the document deleted (it disappears from reads at once) and answers what the other services must remove. */
export const DeleteDocument = defineRequest({
  name: 'metadata.delete-document',
  service: 'metadata',
  description: 'Marks a document deleted and returns its object key.',
  request: z.object({ tenantId, documentId: z.string().uuid() }),
  response: z.object({ documentId: z.string().uuid(), objectKey: z.string() }),
  errors: ['document_not_found'],
});

/**
 * Stops further work on a document: it becomes `cancelled` (terminal until a reprocess) and the workers skip it.
 * Errors: `document_not_found` (as GetDocument), `document_finished_conflict` when it is already indexed, failed or cancelled.
 */
export const CancelDocument = defineRequest({
  name: 'metadata.cancel-document',
  service: 'metadata',
  description: 'Cancels the processing of a document and answers the document.',
  request: z.object({ tenantId, documentId: z.string().uuid() }),
  response: documentViewSchema,
  errors: ['document_not_found', 'document_finished_conflict'],
});

/**
 * Runs the pipeline again from extraction: the document is `queued` (no longer failed, cancelled or stalled) in the
 * same transaction that enqueues document.reprocess-requested, so a worker that checks it never sees the old status.
 */
export const ReprocessDocument = defineRequest({
  name: 'metadata.reprocess-document',
  service: 'metadata',
  description: 'Queues a document for processing again and announces document.reprocess-requested.',
  request: z.object({ tenantId, documentId: z.string().uuid() }),
  response: z.object({ documentId: z.string().uuid(), status: documentStatusSchema }),
  errors: ['document_not_found', 'original_not_stored_conflict'],
});

/** The answer stored under an Idempotency-Key, if any. */
export const FindIdempotentResponse = defineRequest({
  name: 'metadata.find-idempotent-response',
  service: 'metadata',
  description: 'The response recorded for a tenant’s Idempotency-Key.',
  request: z.object({ tenantId, key: z.string().min(1).max(255) }),
  response: z.object({ response: z.unknown().nullable() }),
  errors: [],
});

export const SaveIdempotentResponse = defineRequest({
  name: 'metadata.save-idempotent-response',
  service: 'metadata',
  description: 'Records the response given for a tenant’s Idempotency-Key; the first one recorded wins.',
  request: z.object({ tenantId, key: z.string().min(1).max(255), response: z.unknown() }),
  response: z.object({ response: z.unknown() }),
  errors: [],
});

/**
 * A user's edit: sets the type, the tags, the title (null: back to the file name) and/or the note (null: none). What changed is recorded
 * in the timeline as document.edited; a new type is recorded as the user's (confidence 1) and announced as
 * document.type-corrected in the same transaction. Errors: `document_not_found` (as GetDocument).
 */
export const CorrectDocument = defineRequest({
  name: 'metadata.correct-document',
  service: 'metadata',
  description: 'Sets a document’s type, tags, title and/or note by hand and answers the document.',
  request: z
    .object({
      tenantId,
      documentId: z.string().uuid(),
      documentType: documentTypeNameSchema.optional(),
      tags: z.array(z.string().min(1).max(64)).max(50).optional(),
      title: documentTitleSchema.nullable().optional(),
      /** The user's note, replacing the present one; null removes it. */
      note: documentNoteSchema.nullable().optional(),
    })
    .refine(
      (request) =>
        request.documentType !== undefined || request.tags !== undefined || request.title !== undefined || request.note !== undefined,
      'give a type, tags, a title, a note or several',
    ),
  response: documentViewSchema,
  errors: ['document_not_found'],
});
