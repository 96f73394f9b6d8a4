import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's webhook endpoint; the secret is kept in clear because the delivery worker signs with it. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  secret!: string;

  @Column({ type: 'text' })
  state!: 'active' | 'disabled';

  @Column({ name: 'disabled_code', type: 'text', nullable: true })
  disabledCode!: string | null;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
