import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTraceContextSql } from '@docpipe/events';

/** Each outbox row keeps the trace context of the transaction that wrote it, so its event joins that trace. */
export class OutboxTraceContext1767312000000 implements MigrationInterface {
  name = 'OutboxTraceContext1767312000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(outboxTraceContextSql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE outbox DROP COLUMN trace_context');
  }
}
