import type { MigrationInterface, QueryRunner } from 'typeorm';

const documentStatuses = `'queued', 'extracting', 'extracted', 'classifying', 'classified', 'indexing', 'indexed', 'failed', 'deleted'`;
const stageStatuses = `'pending', 'running', 'retrying', 'done', 'failed'`;

/**
 * Cancel (a terminal `cancelled` status for documents and their unfinished stages) and stall detection: when a
 * document entered its status, and which stage it was reported stalled in.
 */
export class StallAndCancel1767398400000 implements MigrationInterface {
  name = 'StallAndCancel1767398400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents DROP CONSTRAINT documents_status_check');
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN (${documentStatuses}, 'cancelled'))`);
    await db.query('ALTER TABLE document_stages DROP CONSTRAINT document_stages_status_check');
    await db.query(
      `ALTER TABLE document_stages ADD CONSTRAINT document_stages_status_check CHECK (status IN (${stageStatuses}, 'cancelled'))`,
    );

    // Existing rows: their last change is the best known start of their status.
    await db.query('ALTER TABLE documents ADD COLUMN status_since timestamptz(3)');
    await db.query('UPDATE documents SET status_since = updated_at');
    await db.query('ALTER TABLE documents ALTER COLUMN status_since SET NOT NULL, ALTER COLUMN status_since SET DEFAULT now()');
    await db.query(`
      ALTER TABLE documents
        ADD COLUMN stalled_stage text CHECK (stalled_stage IN ('ingestion', 'extraction', 'classification', 'indexing')),
        ADD COLUMN stalled_budget_seconds integer CHECK (stalled_budget_seconds > 0)`);

    // Every writer changes the status somewhere else (events, cancel, reprocess, delete); the database keeps the
    // invariant for all of them: a new status starts its clock now and is not stalled (yet).
    await db.query(`
      CREATE FUNCTION documents_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.status_since := now();
        NEW.stalled_stage := NULL;
        NEW.stalled_budget_seconds := NULL;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER documents_status_changed BEFORE UPDATE OF status ON documents
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION documents_status_changed()`);

    // The stall sweep reads only documents in progress that are not reported yet.
    await db.query(`
      CREATE INDEX documents_in_progress_unstalled ON documents (status, status_since)
        WHERE stalled_stage IS NULL AND status IN ('queued', 'extracting', 'extracted', 'classifying', 'classified', 'indexing')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX documents_in_progress_unstalled');
    await db.query('DROP TRIGGER documents_status_changed ON documents');
    await db.query('DROP FUNCTION documents_status_changed()');
    await db.query('ALTER TABLE documents DROP COLUMN stalled_budget_seconds, DROP COLUMN stalled_stage, DROP COLUMN status_since');
    await db.query(`UPDATE document_stages SET status = 'failed' WHERE status = 'cancelled'`);
    await db.query('ALTER TABLE document_stages DROP CONSTRAINT document_stages_status_check');
    await db.query(`ALTER TABLE document_stages ADD CONSTRAINT document_stages_status_check CHECK (status IN (${stageStatuses}))`);
    await db.query(`UPDATE documents SET status = 'failed' WHERE status = 'cancelled'`);
    await db.query('ALTER TABLE documents DROP CONSTRAINT documents_status_check');
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN (${documentStatuses}))`);
  }
}
