import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule, stageWorkerProviders } from '@docpipe/events';
import { LOGGER, PlatformModule, type Logger } from '@docpipe/platform';
import { ObjectStore, StorageModule } from '@docpipe/storage';
import { ClassificationService } from './classification.service';
import { DOCUMENT_CLASSIFIER } from './classifier';
import { createClassifier } from './classifier.factory';
import { ClassifyDocumentHandler } from './classify-document.handler';
import type { ClassificationConfig } from './config';

@Module({})
export class ClassificationModule {
  static register(config: ClassificationConfig, logger: Logger): DynamicModule {
    return {
      module: ClassificationModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({ service: 'classification', url: config.RABBITMQ_URL, declare: config.RABBITMQ_DECLARE }),
        StorageModule.forRoot(config),
      ],
      providers: [
        { provide: DOCUMENT_CLASSIFIER, inject: [LOGGER], useFactory: (log: Logger) => createClassifier(config, log) },
        ...stageWorkerProviders(ObjectStore),
        ClassificationService,
        ClassifyDocumentHandler,
      ],
    };
  }
}
