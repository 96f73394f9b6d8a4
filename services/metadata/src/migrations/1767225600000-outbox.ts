import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql } from '@docpipe/events';

/** The transactional outbox: events written in the same transaction as the state they announce. */
export class Outbox1767225600000 implements MigrationInterface {
  name = 'Outbox1767225600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(outboxTableSql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbox');
  }
}
