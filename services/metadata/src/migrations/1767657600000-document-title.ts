import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A title a user gives a document (null: the file name stands for it). The list finds text in it as in the file
 * name (trigram index), and can be sorted by it: the title sort key is the one expression both index and query use.
 */
export class DocumentTitle1767657600000 implements MigrationInterface {
  name = 'DocumentTitle1767657600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents ADD COLUMN title text');
    await db.query('CREATE INDEX documents_title_trigram ON documents USING gin (title gin_trgm_ops)');
    await db.query(`
      CREATE INDEX documents_live_by_tenant_title
        ON documents (tenant_id, lower(coalesce(title, file_name)), id) WHERE deleted_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX documents_live_by_tenant_title');
    await db.query('DROP INDEX documents_title_trigram');
    await db.query('ALTER TABLE documents DROP COLUMN title');
  }
}
