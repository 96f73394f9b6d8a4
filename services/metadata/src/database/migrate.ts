import { MigrationExecutor, type DataSource } from 'typeorm';
import type { Logger } from '@docpipe/platform';

// Session-level advisory lock: instances starting together queue here instead of racing to create tables.
const MIGRATION_LOCK = 'docpipe.metadata.migrations';

/** Runs pending migrations in one transaction while holding the migration lock; a no-op when up to date. */
export async function runMigrations(dataSource: DataSource, logger: Logger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      const applied = await executor.executePendingMigrations();
      logger.info({ event: 'database.migrated', applied: applied.map((migration) => migration.name) }, 'database schema is up to date');
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
