import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentStatus, Stage } from '@docpipe/contracts';

/** One event applied to a document; `seq` grows by one per document so a reader can resume after it. */
@Entity({ name: 'document_timeline' })
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  stage!: Stage | null;

  /** The document's status once the event was applied. */
  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
