import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface WebhookAttemptRecord {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One delivery of one document event to one endpoint, with the event (for redelivery) and every attempt. */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ type: 'jsonb' })
  event!: Record<string, unknown>;

  @Column({ type: 'text' })
  state!: 'pending' | 'delivered' | 'abandoned';

  @Column({ type: 'jsonb' })
  attempts!: WebhookAttemptRecord[];

  @Column({ name: 'redelivery_of', type: 'uuid', nullable: true })
  redeliveryOf!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
