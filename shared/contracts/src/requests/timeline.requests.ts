import { z } from 'zod';
import { stageSchema } from '../events/stage';
import { defineRequest } from '../request';
import { documentStatusSchema } from './document-view';

/** One event applied to a document; `seq` counts 1, 2, 3… per document, in the order metadata applied them. */
export const timelineEntrySchema = z.object({
  seq: z.number().int().positive(),
  /**
   * The event type, e.g. `document.extracted`; or what metadata itself recorded: `document.stalled` (detail
   * `{ stage, status, since, budgetSeconds }`), `document.cancelled` (detail `{ stage, previousStatus }`) and
   * `document.edited` (detail: the tags, title and/or note a user changed, each as `{ from, to }`).
   */
  type: z.string(),
  /** The stage the event is about; null for reprocess and delete. */
  stage: stageSchema.nullable(),
  /** The document's status once this event was applied. */
  status: documentStatusSchema,
  /** The event's payload. */
  detail: z.record(z.unknown()),
  occurredAt: z.string().datetime(),
});

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** The largest sequence number a timeline can hold (a PostgreSQL integer): a larger `afterSeq` is a client's mistake. */
export const MAX_TIMELINE_SEQ = 2_147_483_647;

/** A document's timeline after `afterSeq`, oldest first, so a live view can replay what it missed. Not found as GetDocument. */
export const GetTimeline = defineRequest({
  name: 'metadata.get-timeline',
  service: 'metadata',
  description: 'The events applied to a document after a sequence number, in order.',
  request: z.object({
    tenantId: z.string().min(1),
    documentId: z.string().uuid(),
    afterSeq: z.number().int().nonnegative().max(MAX_TIMELINE_SEQ).default(0),
    limit: z.number().int().min(1).max(1000).default(500),
  }),
  response: z.object({ entries: z.array(timelineEntrySchema) }),
  errors: ['document_not_found'],
});
