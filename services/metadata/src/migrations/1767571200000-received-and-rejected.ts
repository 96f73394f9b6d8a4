import type { MigrationInterface, QueryRunner } from 'typeorm';

const documentStatuses = `'queued', 'extracting', 'extracted', 'classifying', 'classified', 'indexing', 'indexed', 'failed', 'deleted', 'cancelled'`;
const inProgress = `'queued', 'extracting', 'extracted', 'classifying', 'classified', 'indexing'`;

/**
 * Uploads are recorded before ingestion checks them: `received` until the original is stored, `rejected` when
 * ingestion refuses the bytes. A rejected document no longer holds its content's place in the duplicate policy,
 * so the same content can be uploaded again.
 */
export class ReceivedAndRejected1767571200000 implements MigrationInterface {
  name = 'ReceivedAndRejected1767571200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents DROP CONSTRAINT documents_status_check');
    await db.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN ('received', ${documentStatuses}, 'rejected'))`,
    );
    await db.query('DROP INDEX documents_live_content_unique');
    await db.query(`
      CREATE UNIQUE INDEX documents_live_content_unique
        ON documents (tenant_id, sha256) WHERE deleted_at IS NULL AND status <> 'rejected'`);
    await db.query('DROP INDEX documents_in_progress_unstalled');
    await db.query(`
      CREATE INDEX documents_in_progress_unstalled ON documents (status, status_since)
        WHERE stalled_stage IS NULL AND status IN ('received', ${inProgress})`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX documents_in_progress_unstalled');
    await db.query(`
      CREATE INDEX documents_in_progress_unstalled ON documents (status, status_since)
        WHERE stalled_stage IS NULL AND status IN (${inProgress})`);
    // Rejected twins of one content would break the older index, and a rejected document has no original anyway.
    await db.query(`UPDATE documents SET status = 'deleted', deleted_at = coalesce(deleted_at, now()) WHERE status = 'rejected'`);
    await db.query('DROP INDEX documents_live_content_unique');
    await db.query(`
      CREATE UNIQUE INDEX documents_live_content_unique
        ON documents (tenant_id, sha256) WHERE deleted_at IS NULL`);
    await db.query(`UPDATE documents SET status = 'queued' WHERE status = 'received'`);
    await db.query('ALTER TABLE documents DROP CONSTRAINT documents_status_check');
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN (${documentStatuses}))`);
  }
}
