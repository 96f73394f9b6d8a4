import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimEvent, HandleEvents, queues } from '@docpipe/events';
import type { AdminActionPerformed, Envelope } from '@docpipe/contracts';
import { AuditEntryEntity } from '../database/audit-entry.entity';

/** Appends each admin-action.performed to the audit log; the inbox claim and the row share a transaction. */
@Injectable()
export class RecordAuditEntryHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @HandleEvents(queues.recordAudit)
  async handle(event: Envelope<typeof AdminActionPerformed>): Promise<void> {
    const { action, actor, tenantId, target, performedAt, details } = event.payload;
    await this.dataSource.transaction(async (manager) => {
      const run = (sql: string, parameters: unknown[]) => manager.query(sql, parameters) as Promise<unknown[]>;
      if (!(await claimEvent(run, queues.recordAudit.name, event.id))) return;
      await manager.insert(AuditEntryEntity, {
        id: event.id,
        performedAt: new Date(performedAt),
        action,
        tenantId,
        actorId: actor.id,
        actorTenant: actor.tenantId,
        actorKeyId: actor.keyId,
        actorSubject: actor.subject,
        target,
        correlationId: event.correlationId,
        details,
      });
    });
  }
}
