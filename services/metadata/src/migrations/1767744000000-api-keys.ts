import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys created at run time: only each key's SHA-256 is stored; a revoked key stays, for the record. */
export class ApiKeys1767744000000 implements MigrationInterface {
  name = 'ApiKeys1767744000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE api_keys (
      key_id     uuid           PRIMARY KEY,
      tenant_id  text           NOT NULL,
      name       text           NOT NULL,
      prefix     text           NOT NULL,
      sha256     text           NOT NULL UNIQUE,
      scopes     text[]         NOT NULL,
      created_at timestamptz(3) NOT NULL,
      created_by text           NOT NULL,
      expires_at timestamptz(3),
      revoked_at timestamptz(3)
    )`);
    await db.query('CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_keys');
  }
}
