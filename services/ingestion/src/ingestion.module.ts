import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule } from '@docpipe/events';
import { PlatformModule, type Logger } from '@docpipe/platform';
import { StorageModule } from '@docpipe/storage';
import { INGESTION_CONFIG, type IngestionConfig } from './config';
import { IngestUploadHandler } from './ingest-upload.handler';
import { IngestionService } from './ingestion.service';
import { RemoveOriginalHandler } from './remove-original.handler';

@Module({})
export class IngestionModule {
  static register(config: IngestionConfig, logger: Logger): DynamicModule {
    return {
      module: IngestionModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({ service: 'ingestion', url: config.RABBITMQ_URL, declare: config.RABBITMQ_DECLARE }),
        StorageModule.forRoot(config),
      ],
      providers: [{ provide: INGESTION_CONFIG, useValue: config }, IngestionService, IngestUploadHandler, RemoveOriginalHandler],
    };
  }
}
