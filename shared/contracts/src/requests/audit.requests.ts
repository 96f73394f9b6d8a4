import { z } from 'zod';
import { auditActorSchema, auditedActionSchema } from '../events/admin-action-performed';
import { defineRequest } from '../request';

/** One audited action as admins read it. */
export const auditEntrySchema = z.object({
  id: z.string().uuid(),
  action: auditedActionSchema,
  actor: auditActorSchema,
  tenantId: z.string().nullable(),
  target: z.string(),
  performedAt: z.string().datetime(),
  correlationId: z.string(),
  details: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;

/** A page of the audit log, newest first, filtered by tenant acted on, action, actor, target and time. */
export const ListAuditEntries = defineRequest({
  name: 'metadata.list-audit-entries',
  service: 'metadata',
  description: 'A page of the audit log of admin actions, newest first, filtered by tenant, action, actor, target and time.',
  request: z.object({
    tenantId: z.string().min(1).optional(),
    action: auditedActionSchema.optional(),
    /** The actor's principal id, key id or token subject. */
    actor: z.string().min(1).max(255).optional(),
    target: z.string().min(1).max(255).optional(),
    from: z.string().datetime().optional(),
    to: z.string().datetime().optional(),
    page: z.number().int().min(1).default(1),
    size: z.number().int().min(1).max(200).default(50),
  }),
  response: z.object({
    items: z.array(auditEntrySchema),
    total: z.number().int().nonnegative(),
    page: z.number().int(),
    size: z.number().int(),
  }),
  errors: [],
});
