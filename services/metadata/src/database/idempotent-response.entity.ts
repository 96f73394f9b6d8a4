import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The response first given for a tenant's Idempotency-Key. */
@Entity({ name: 'idempotent_responses' })
export class IdempotentResponseEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
