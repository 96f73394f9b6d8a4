import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule } from '@docpipe/events';
import { PlatformModule, type Logger } from '@docpipe/platform';
import type { MetadataConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { CreateApiKeyHandler } from './api-keys/create-api-key.handler';
import { ListActiveApiKeysHandler } from './api-keys/list-active-api-keys.handler';
import { ListApiKeysHandler } from './api-keys/list-api-keys.handler';
import { RecordApiKeyUseHandler } from './api-keys/record-api-key-use.handler';
import { RevokeApiKeyHandler } from './api-keys/revoke-api-key.handler';
import { RotateApiKeyHandler } from './api-keys/rotate-api-key.handler';
import { ListAuditEntriesHandler } from './audit/list-audit-entries.handler';
import { RecordAuditEntryHandler } from './audit/record-audit-entry.handler';
import { CancelDocumentHandler } from './documents/cancel-document.handler';
import { CorrectDocumentHandler } from './documents/correct-document.handler';
import { DeleteDocumentHandler } from './documents/delete-document.handler';
import { GetDocumentHandler } from './documents/get-document.handler';
import { ListDocumentsHandler } from './documents/list-documents.handler';
import { RegisterDocumentHandler } from './documents/register-document.handler';
import { ReprocessDocumentHandler } from './documents/reprocess-document.handler';
import { StatusBatches } from './documents/status-batches';
import { TrackStatusHandler } from './documents/track-status.handler';
import { FindIdempotentResponseHandler } from './idempotency/find-idempotent-response.handler';
import { SaveIdempotentResponseHandler } from './idempotency/save-idempotent-response.handler';
import { DocumentsGauges } from './metrics/documents.gauges';
import { MetadataOutbox } from './outbox/metadata-outbox';
import { StallDetector } from './stalls/stall-detector';
import { STALL_POLICY, stallPolicyOf } from './stalls/stall-policy';
import { GetTimelineHandler } from './timeline/get-timeline.handler';
import { EnableWebhookHandler } from './webhooks/enable-webhook.handler';
import { ListActiveWebhooksHandler } from './webhooks/list-active-webhooks.handler';
import { ListWebhookDeliveriesHandler } from './webhooks/list-webhook-deliveries.handler';
import { ListWebhooksHandler } from './webhooks/list-webhooks.handler';
import { RecordWebhookDeliveriesHandler } from './webhooks/record-webhook-deliveries.handler';
import { RedeliverWebhookHandler } from './webhooks/redeliver-webhook.handler';
import { RegisterWebhookHandler } from './webhooks/register-webhook.handler';
import { RemoveWebhookHandler } from './webhooks/remove-webhook.handler';

@Module({})
export class MetadataModule {
  static register(config: MetadataConfig, logger: Logger): DynamicModule {
    return {
      module: MetadataModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
        EventsModule.forRoot({
          service: 'metadata',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          prefetch: config.EVENTS_PREFETCH,
        }),
      ],
      providers: [
        { provide: STALL_POLICY, useValue: stallPolicyOf(config) },
        MetadataOutbox,
        StatusBatches,
        TrackStatusHandler,
        RegisterDocumentHandler,
        GetDocumentHandler,
        ListDocumentsHandler,
        DeleteDocumentHandler,
        CancelDocumentHandler,
        CorrectDocumentHandler,
        ReprocessDocumentHandler,
        StallDetector,
        DocumentsGauges,
        GetTimelineHandler,
        FindIdempotentResponseHandler,
        SaveIdempotentResponseHandler,
        CreateApiKeyHandler,
        RevokeApiKeyHandler,
        RotateApiKeyHandler,
        ListApiKeysHandler,
        ListActiveApiKeysHandler,
        RegisterWebhookHandler,
        ListWebhooksHandler,
        RemoveWebhookHandler,
        EnableWebhookHandler,
        ListActiveWebhooksHandler,
        ListWebhookDeliveriesHandler,
        RedeliverWebhookHandler,
        RecordWebhookDeliveriesHandler,
        RecordApiKeyUseHandler,
        RecordAuditEntryHandler,
        ListAuditEntriesHandler,
      ],
    };
  }
}
