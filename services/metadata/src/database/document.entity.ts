import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { DocumentStatus, DocumentView, Stage } from '@docpipe/contracts';

/** pg returns int8 as a string; sizes stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

export type DocumentError = NonNullable<DocumentView['error']>;
export type DocumentFields = DocumentView['fields'];
export type PipelineProducers = DocumentView['pipeline'];

@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** Set by a user; null while the file name stands for it. */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** A user's note on the document; null while there is none. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'object_key', type: 'text' })
  objectKey!: string;

  @Column({ name: 'text_key', type: 'text', nullable: true })
  textKey!: string | null;

  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ name: 'document_type', type: 'text', nullable: true })
  documentType!: string | null;

  @Column({ type: 'double precision', nullable: true })
  confidence!: number | null;

  /** When a user last set the type by hand; a later classification (a reprocess) then keeps the user's type. */
  @Column({ name: 'type_corrected_at', type: 'timestamptz', nullable: true })
  typeCorrectedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ type: 'integer', nullable: true })
  pages!: number | null;

  @Column({ type: 'integer', nullable: true })
  chunks!: number | null;

  @Column({ type: 'text', array: true })
  tags!: string[];

  /** What the user attached at upload. */
  @Column({ type: 'jsonb' })
  metadata!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  fields!: DocumentFields;

  @Column({ type: 'jsonb', nullable: true })
  error!: DocumentError | null;

  /** Producer name and version per stage (extraction, classification, indexing). */
  @Column({ type: 'jsonb' })
  pipeline!: PipelineProducers;

  /** When the document entered its status; a trigger resets it (and the stall report) on every status change. */
  @Column({ name: 'status_since', type: 'timestamptz' })
  statusSince!: Date;

  /** The stage the document was reported stalled in, while it stays in that status; null otherwise. */
  @Column({ name: 'stalled_stage', type: 'text', nullable: true })
  stalledStage!: Stage | null;

  /** The budget the document outstayed, in seconds. */
  @Column({ name: 'stalled_budget_seconds', type: 'integer', nullable: true })
  stalledBudgetSeconds!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
