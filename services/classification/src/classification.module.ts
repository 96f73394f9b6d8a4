import { Module, type DynamicModule } from '@nestjs/common';
import { EventsModule, stageWorkerProviders } from '@docpipe/events';
import { LOGGER, PlatformModule, type Logger } from '@docpipe/platform';
import { ObjectStore, StorageModule } from '@docpipe/storage';
import { ClassificationService, CLASSIFICATION_SETTINGS } from './classification.service';
import { DOCUMENT_CLASSIFIER } from './classifier';
import { createClassifier } from './classifier.factory';
import { ClassifyDocumentHandler } from './classify-document.handler';
import type { ClassificationConfig } from './config';
import { DEFAULT_MODEL_PATH, readModelFile } from './adapters/offline.classifier';
import { DOCUMENT_FEATURES, DocumentFeatures } from './tenant-layer/document-features';
import { ForgetExampleHandler } from './tenant-layer/forget-example.handler';
import { LearnCorrectionHandler } from './tenant-layer/learn-correction.handler';
import { TenantExamples } from './tenant-layer/tenant-examples.store';
import { TENANT_LAYER_SETTINGS, TenantLayers } from './tenant-layer/tenant-layers';

@Module({})
export class ClassificationModule {
  static register(config: ClassificationConfig, logger: Logger): DynamicModule {
    return {
      module: ClassificationModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({
          service: 'classification',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          prefetch: config.CLASSIFICATION_CONCURRENCY,
        }),
        StorageModule.forRoot(config),
      ],
      providers: [
        { provide: DOCUMENT_CLASSIFIER, inject: [LOGGER], useFactory: (log: Logger) => createClassifier(config, log) },
        ...stageWorkerProviders(ObjectStore),
        {
          provide: DOCUMENT_FEATURES,
          useFactory: () => new DocumentFeatures(readModelFile(config.CLASSIFIER_MODEL_PATH ?? DEFAULT_MODEL_PATH)),
        },
        { provide: TENANT_LAYER_SETTINGS, useValue: { refreshMs: config.TENANT_LAYER_REFRESH_MS } },
        { provide: CLASSIFICATION_SETTINGS, useValue: { minTenantSimilarity: config.TENANT_LAYER_MIN_SIMILARITY } },
        TenantExamples,
        TenantLayers,
        ClassificationService,
        ClassifyDocumentHandler,
        LearnCorrectionHandler,
        ForgetExampleHandler,
      ],
    };
  }
}
