import { z } from 'zod';
import {
  documentNoteSchema,
  documentSortSchema,
  documentStatusSchema,
  documentTitleSchema,
  documentTypeNameSchema,
  MAX_TIMELINE_SEQ,
} from '@docpipe/contracts';

export const documentIdSchema = z.string().uuid('a document id is a UUID');
export const pageNumberSchema = z.coerce.number().int('a page number is a whole number').min(1).max(100_000);

// Any offset is fine here; the services behind compare UTC instants.
export const instant = z
  .string()
  .datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' })
  .transform((value) => new Date(value).toISOString());
/** Deeper pages than this are a scan, not browsing: narrow the filters instead. Keeps every offset a small integer. */
export const MAX_PAGE = 10_000;
export const page = z.coerce.number().int().min(1).max(MAX_PAGE).default(1).describe(`Page number, 1-${MAX_PAGE}.`);

export const listDocumentsQuery = z
  .object({
    status: documentStatusSchema.optional().describe('Only documents in this status.'),
    stalled: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('Only documents stalled (true) or not stalled (false): longer in their status than its time budget.'),
    type: z.string().max(100).optional().describe('Only documents classified as this type, e.g. invoice.'),
    tag: z.string().max(64).optional().describe('Only documents with this tag.'),
    from: instant.optional().describe('Only documents uploaded at or after this instant.'),
    to: instant.optional().describe('Only documents uploaded before this instant.'),
    q: z.string().max(200).optional().describe('Text the title or the file name contains.'),
    sort: documentSortSchema
      .default('-created')
      .describe('Order: created (upload time), title (the file name where no title is set) or type; a leading - for descending.'),
    page,
    size: z.coerce.number().int().min(1).max(100).default(20).describe('Documents per page, 1-100.'),
    facets: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe(
        'true: also count the documents per status, type and tag (the 20 most frequent tags), each among those the other filters match.',
      ),
  })
  .strict();

/** PATCH /documents/:id: the user's word on the type, the tags, the title and/or the note. */
export const correctDocumentBody = z
  .object({
    type: documentTypeNameSchema
      .optional()
      .describe('The document type, e.g. invoice or a type of your own such as payslip (lower-case words joined by dashes).'),
    tags: z
      .array(z.string().trim().min(1, 'a tag is not empty').max(64, 'a tag has at most 64 characters'))
      .max(50, 'at most 50 tags')
      .optional()
      .describe('The tags, replacing the present ones.'),
    title: documentTitleSchema
      .nullable()
      .optional()
      .describe('The title shown for the document (up to 200 characters); null to show its file name again.'),
    note: documentNoteSchema
      .nullable()
      .optional()
      .describe('Your note on the document (up to 10,000 characters, line breaks kept), replacing the present one; null removes it.'),
  })
  .strict()
  .refine(
    (body) => body.type !== undefined || body.tags !== undefined || body.title !== undefined || body.note !== undefined,
    'give a type, tags, a title, a note or several',
  );

export type CorrectDocumentBody = z.output<typeof correctDocumentBody>;

export const waitQuery = z
  .object({
    timeout: z.coerce.number().int().min(0).max(60).default(30).describe('Seconds to wait at most, 0-60.'),
  })
  .strict();

export const timelineQuery = z
  .object({
    afterSeq: z.coerce.number().int().min(0).max(MAX_TIMELINE_SEQ).default(0).describe('Only events after this sequence number.'),
    limit: z.coerce.number().int().min(1).max(1000).default(500).describe('Events at most, 1-1000.'),
  })
  .strict();

export const similarQuery = z
  .object({ size: z.coerce.number().int().min(1).max(50).default(10).describe('Documents at most, 1-50.') })
  .strict();

export type ListDocumentsQuery = z.output<typeof listDocumentsQuery>;
