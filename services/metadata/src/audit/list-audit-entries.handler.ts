import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListAuditEntries, type AuditEntry, type AuditedAction, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { AuditEntryEntity } from '../database/audit-entry.entity';

/** The audit log, newest first, filtered and paged for admins. */
@Injectable()
export class ListAuditEntriesHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListAuditEntries)
  async list(received: RequestOf<typeof ListAuditEntries>): Promise<ResponseOf<typeof ListAuditEntries>> {
    // Parsed again to fill the page and size defaults into the type.
    const { tenantId, action, actor, target, from, to, page, size } = ListAuditEntries.request.parse(received);
    const query = this.dataSource.manager.createQueryBuilder(AuditEntryEntity, 'entry');
    if (tenantId !== undefined) query.andWhere('entry.tenant_id = :tenantId', { tenantId });
    if (action !== undefined) query.andWhere('entry.action = :action', { action });
    if (target !== undefined) query.andWhere('entry.target = :target', { target });
    if (from !== undefined) query.andWhere('entry.performed_at >= :from', { from });
    if (to !== undefined) query.andWhere('entry.performed_at < :to', { to });
    if (actor !== undefined) {
      // One filter for however the actor is known: principal id, key id or token subject.
      query.andWhere(
        new Brackets((either) =>
          either
            .where('entry.actor_id = :actor', { actor })
            .orWhere('entry.actor_key_id::text = :actor', { actor })
            .orWhere('entry.actor_subject = :actor', { actor }),
        ),
      );
    }
    const [rows, total] = await query
      .orderBy('entry.performed_at', 'DESC')
      .addOrderBy('entry.id', 'DESC')
      .skip((page - 1) * size)
      .take(size)
      .getManyAndCount();
    return { items: rows.map(toAuditEntry), total, page, size };
  }
}

function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return {
    id: row.id,
    action: row.action as AuditedAction,
    actor: { id: row.actorId, tenantId: row.actorTenant, keyId: row.actorKeyId, subject: row.actorSubject },
    tenantId: row.tenantId,
    target: row.target,
    performedAt: row.performedAt.toISOString(),
    correlationId: row.correlationId,
    details: row.details,
  };
}
