import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Stage } from '@docpipe/contracts';

export type StageStatus = 'pending' | 'running' | 'retrying' | 'done' | 'failed' | 'cancelled';

/** Where one stage stands for one document: its latest attempt, timing and error. */
@Entity({ name: 'document_stages' })
export class DocumentStageEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @PrimaryColumn({ type: 'text' })
  stage!: Stage;

  @Column({ type: 'text' })
  status!: StageStatus;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
