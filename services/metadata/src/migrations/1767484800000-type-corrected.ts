import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a user last set the document's type by hand: from then on the user's type outranks the classifier's. */
export class TypeCorrected1767484800000 implements MigrationInterface {
  name = 'TypeCorrected1767484800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents ADD COLUMN type_corrected_at timestamptz(3)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents DROP COLUMN type_corrected_at');
  }
}
