import { z } from 'zod';
import { defineEvent } from '../contract';

/** The actions the audit log records: what changes who may get in, where documents' events go, what the pipeline does again, and what is gone. */
export const auditedActionSchema = z.enum([
  'api-key.created',
  'api-key.revoked',
  'api-key.rotated',
  'dead-letters.redriven',
  'document.deleted',
  'webhook.registered',
  'webhook.removed',
  'webhook.enabled',
  'webhook.redelivered',
]);
export type AuditedAction = z.infer<typeof auditedActionSchema>;

/** Who acted, as the gateway knew them: never the key or token itself. */
export const auditActorSchema = z.object({
  /** The principal's id: the start of the key's hash, or `jwt-…` for a token. */
  id: z.string().min(1).max(100),
  /** The actor's own tenant (for admin keys, the name given in ADMIN_API_KEYS). */
  tenantId: z.string().min(1).max(64),
  /** The key's id when it was created at run time. */
  keyId: z.string().uuid().nullable(),
  /** The token's subject (`sub`) when a JWT was presented. */
  subject: z.string().max(255).nullable(),
});
export type AuditActor = z.output<typeof auditActorSchema>;

/**
 * An audited action succeeded through the gateway. The envelope's correlationId is the request's; its tenantId the
 * tenant acted on, or the actor's where the action is on no one tenant; its documentId the target.
 */
export const AdminActionPerformed = defineEvent({
  type: 'admin-action.performed',
  version: 1,
  description:
    'An audited action (API key created, revoked or rotated, webhook registered, removed, enabled or redelivered, dead letters redriven, document deleted) succeeded.',
  payload: z.object({
    action: auditedActionSchema,
    actor: auditActorSchema,
    /** The tenant acted on; null when the action is on no one tenant (a dead-letter queue holds every tenant's). */
    tenantId: z.string().min(1).max(64).nullable(),
    /** What was acted on: a key id, a document id, a queue name. */
    target: z.string().min(1).max(255),
    performedAt: z.string().datetime(),
    /** A few facts worth keeping about the action (e.g. how many dead letters went back). */
    details: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  }),
});
