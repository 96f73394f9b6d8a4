import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One audited admin action, with the id of the event that announced it. */
@Entity({ name: 'audit_log' })
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'performed_at', type: 'timestamptz' })
  performedAt!: Date;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'tenant_id', type: 'text', nullable: true })
  tenantId!: string | null;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_tenant', type: 'text' })
  actorTenant!: string;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId!: string | null;

  @Column({ name: 'actor_subject', type: 'text', nullable: true })
  actorSubject!: string | null;

  @Column({ type: 'text' })
  target!: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, string | number | boolean | null>;
}
