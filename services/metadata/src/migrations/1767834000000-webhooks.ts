import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints per tenant (with the signing secret the delivery worker needs in clear) and their delivery log:
 * one row per delivery, its attempts appended as the worker reports them, the event kept for redelivery.
 */
export class Webhooks1767834000000 implements MigrationInterface {
  name = 'Webhooks1767834000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE webhook_endpoints (
      endpoint_id     uuid           PRIMARY KEY,
      tenant_id       text           NOT NULL,
      url             text           NOT NULL,
      event_types     text[]         NOT NULL,
      description     text           NOT NULL,
      secret          text           NOT NULL,
      state           text           NOT NULL CHECK (state IN ('active', 'disabled')),
      disabled_code   text,
      disabled_reason text,
      disabled_at     timestamptz(3),
      created_at      timestamptz(3) NOT NULL,
      created_by      text           NOT NULL
    )`);
    await db.query('CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at DESC)');
    await db.query(`CREATE TABLE webhook_deliveries (
      delivery_id    uuid           PRIMARY KEY,
      endpoint_id    uuid           NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
      event_id       uuid           NOT NULL,
      event_type     text           NOT NULL,
      document_id    text           NOT NULL,
      event          jsonb          NOT NULL,
      state          text           NOT NULL CHECK (state IN ('pending', 'delivered', 'abandoned')),
      attempts       jsonb          NOT NULL DEFAULT '[]',
      redelivery_of  uuid,
      requested_at   timestamptz(3) NOT NULL,
      finished_at    timestamptz(3)
    )`);
    await db.query('CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, requested_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE webhook_deliveries');
    await db.query('DROP TABLE webhook_endpoints');
  }
}
