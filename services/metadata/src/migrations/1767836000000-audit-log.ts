import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log of admin actions (admin-action.performed): appended to, never changed. */
export class AuditLog1767836000000 implements MigrationInterface {
  name = 'AuditLog1767836000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE audit_log (
      id             uuid           PRIMARY KEY,
      performed_at   timestamptz(3) NOT NULL,
      action         text           NOT NULL,
      tenant_id      text,
      actor_id       text           NOT NULL,
      actor_tenant   text           NOT NULL,
      actor_key_id   uuid,
      actor_subject  text,
      target         text           NOT NULL,
      correlation_id text           NOT NULL,
      details        jsonb          NOT NULL DEFAULT '{}'
    )`);
    await db.query('CREATE INDEX audit_log_time ON audit_log (performed_at DESC, id DESC)');
    await db.query('CREATE INDEX audit_log_tenant ON audit_log (tenant_id, performed_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_log');
  }
}
