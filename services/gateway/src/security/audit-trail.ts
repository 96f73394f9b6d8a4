import { Inject, Injectable } from '@nestjs/common';
import { AdminActionPerformed, type AuditedAction } from '@docpipe/contracts';
import { EventPublisher } from '@docpipe/events';
import { LOGGER, type Logger, type Principal } from '@docpipe/platform';

export interface AuditedDeed {
  action: AuditedAction;
  /** The tenant acted on; null when the action is on no one tenant. */
  tenantId: string | null;
  target: string;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Announces each audited action once it succeeded (admin-action.performed), with who did it; metadata keeps the log.
 * The action is done by then, so an announcement the broker refuses does not undo it: it is logged as an error
 * with everything the entry would have held.
 */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(principal: Principal, deed: AuditedDeed): Promise<void> {
    const payload = {
      action: deed.action,
      actor: { id: principal.id, tenantId: principal.tenant, keyId: principal.keyId ?? null, subject: principal.subject ?? null },
      tenantId: deed.tenantId,
      target: deed.target,
      performedAt: new Date().toISOString(),
      details: deed.details ?? {},
    };
    try {
      await this.publisher.publish(AdminActionPerformed, payload, { tenantId: deed.tenantId ?? principal.tenant, documentId: deed.target });
    } catch (error) {
      this.logger.error(
        { event: 'audit.not-recorded', audit: payload, err: error },
        'An audited action succeeded but its audit entry could not be sent',
      );
    }
  }
}
