import { DataSource } from 'typeorm';
import { InitialSchema1735689600000 } from '../migrations/1735689600000-initial-schema';
import { Outbox1767225600000 } from '../migrations/1767225600000-outbox';
import { OutboxTraceContext1767312000000 } from '../migrations/1767312000000-outbox-trace-context';
import { StallAndCancel1767398400000 } from '../migrations/1767398400000-stall-and-cancel';
import { TypeCorrected1767484800000 } from '../migrations/1767484800000-type-corrected';
import { ReceivedAndRejected1767571200000 } from '../migrations/1767571200000-received-and-rejected';
import { DocumentTitle1767657600000 } from '../migrations/1767657600000-document-title';
import { ApiKeys1767744000000 } from '../migrations/1767744000000-api-keys';
import { Webhooks1767834000000 } from '../migrations/1767834000000-webhooks';
import { ApiKeyLastUsed1767835000000 } from '../migrations/1767835000000-api-key-last-used';
import { AuditLog1767836000000 } from '../migrations/1767836000000-audit-log';
import { DocumentNote1767837000000 } from '../migrations/1767837000000-document-note';
import { ApiKeyEntity } from './api-key.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { DocumentEntity } from './document.entity';
import { DocumentStageEntity } from './document-stage.entity';
import { IdempotentResponseEntity } from './idempotent-response.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** Every migration, oldest first; listed by class so the build and the tests run the same code. */
export const migrations = [
  InitialSchema1735689600000,
  Outbox1767225600000,
  OutboxTraceContext1767312000000,
  StallAndCancel1767398400000,
  TypeCorrected1767484800000,
  ReceivedAndRejected1767571200000,
  DocumentTitle1767657600000,
  ApiKeys1767744000000,
  Webhooks1767834000000,
  ApiKeyLastUsed1767835000000,
  AuditLog1767836000000,
  DocumentNote1767837000000,
];

export const entities = [
  DocumentEntity,
  DocumentStageEntity,
  TimelineEntryEntity,
  IdempotentResponseEntity,
  ApiKeyEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  AuditEntryEntity,
];

export function createDataSource(options: { url: string; poolSize: number }): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: 'docpipe-metadata',
    poolSize: options.poolSize,
    // Fail start-up and readiness visibly instead of hanging on an unreachable server.
    connectTimeoutMS: 10_000,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    // The schema is only ever changed by the migrations above.
    synchronize: false,
    migrationsRun: false,
  });
}
