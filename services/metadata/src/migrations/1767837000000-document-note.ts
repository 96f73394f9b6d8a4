import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A note a user writes on a document (null: none). Read with the document only, so it needs no index. */
export class DocumentNote1767837000000 implements MigrationInterface {
  name = 'DocumentNote1767837000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents ADD COLUMN note text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents DROP COLUMN note');
  }
}
