import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each key last authenticated a request (api-key.used), to the minute. */
export class ApiKeyLastUsed1767835000000 implements MigrationInterface {
  name = 'ApiKeyLastUsed1767835000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz(3)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE api_keys DROP COLUMN last_used_at');
  }
}
