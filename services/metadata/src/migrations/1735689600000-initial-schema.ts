import type { MigrationInterface, QueryRunner } from 'typeorm';
import { processedEventsTableSql } from '@docpipe/events';

/** Documents, their per-stage history and timeline, idempotent responses and the event inbox. */
export class InitialSchema1735689600000 implements MigrationInterface {
  name = 'InitialSchema1735689600000';

  async up(db: QueryRunner): Promise<void> {
    // Trusted extension (PG 13+): a database owner may create it; it backs the file-name substring search.
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');

    // Times keep milliseconds, the precision of the ISO strings answered, so a time read back filters exactly.
    await db.query(`
      CREATE TABLE documents (
        id             uuid PRIMARY KEY,
        tenant_id      text        NOT NULL,
        file_name      text        NOT NULL,
        media_type     text        NOT NULL,
        size_bytes     bigint      NOT NULL CHECK (size_bytes >= 0),
        sha256         text        NOT NULL,
        object_key     text        NOT NULL,
        text_key       text,
        status         text        NOT NULL CHECK (status IN (
                         'queued', 'extracting', 'extracted', 'classifying', 'classified',
                         'indexing', 'indexed', 'failed', 'deleted')),
        document_type  text,
        confidence     double precision CHECK (confidence BETWEEN 0 AND 1),
        language       text,
        pages          integer,
        chunks         integer,
        tags           text[]      NOT NULL DEFAULT '{}',
        metadata       jsonb       NOT NULL DEFAULT '{}',
        fields         jsonb       NOT NULL DEFAULT '{}',
        error          jsonb,
        pipeline       jsonb       NOT NULL DEFAULT '{}',
        created_at     timestamptz(3) NOT NULL DEFAULT now(),
        updated_at     timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at     timestamptz(3)
      )`);
    // The duplicate policy itself: one live document per content and tenant, enforced race-free by the database.
    await db.query(`
      CREATE UNIQUE INDEX documents_live_content_unique
        ON documents (tenant_id, sha256) WHERE deleted_at IS NULL`);
    // List filters: every list is one tenant's live documents, newest first.
    await db.query(`
      CREATE INDEX documents_live_by_tenant_created
        ON documents (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await db.query(`
      CREATE INDEX documents_live_by_tenant_status
        ON documents (tenant_id, status, created_at DESC) WHERE deleted_at IS NULL`);
    await db.query(`
      CREATE INDEX documents_live_by_tenant_type
        ON documents (tenant_id, document_type, created_at DESC) WHERE deleted_at IS NULL`);
    await db.query('CREATE INDEX documents_tags ON documents USING gin (tags)');
    await db.query('CREATE INDEX documents_file_name_trigram ON documents USING gin (file_name gin_trgm_ops)');

    await db.query(`
      CREATE TABLE document_stages (
        document_id  uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        stage        text        NOT NULL CHECK (stage IN ('ingestion', 'extraction', 'classification', 'indexing')),
        status       text        NOT NULL CHECK (status IN ('pending', 'running', 'retrying', 'done', 'failed')),
        attempt      integer     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
        started_at   timestamptz(3),
        finished_at  timestamptz(3),
        error        text,
        PRIMARY KEY (document_id, stage)
      )`);

    await db.query(`
      CREATE TABLE document_timeline (
        document_id  uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        seq          integer     NOT NULL CHECK (seq > 0),
        event_id     uuid        NOT NULL UNIQUE,
        type         text        NOT NULL,
        stage        text,
        status       text        NOT NULL,
        detail       jsonb       NOT NULL DEFAULT '{}',
        occurred_at  timestamptz(3) NOT NULL,
        PRIMARY KEY (document_id, seq)
      )`);

    await db.query(`
      CREATE TABLE idempotent_responses (
        tenant_id   text        NOT NULL,
        key         text        NOT NULL,
        response    jsonb,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);

    await db.query(processedEventsTableSql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS processed_events');
    await db.query('DROP TABLE IF EXISTS idempotent_responses');
    await db.query('DROP TABLE IF EXISTS document_timeline');
    await db.query('DROP TABLE IF EXISTS document_stages');
    await db.query('DROP TABLE IF EXISTS documents');
  }
}
