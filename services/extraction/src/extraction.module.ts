import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EventsModule, stageWorkerProviders } from '@docpipe/events';
import { LOGGER, PlatformModule, type Logger } from '@docpipe/platform';
import { ObjectStore, StorageModule } from '@docpipe/storage';
import type { ExtractionConfig } from './config';
import { ExtractTextHandler } from './extract-text.handler';
import { EXTRACTION_LIMITS, ExtractionService, OCR_TENANT_LANGUAGES } from './extraction.service';
import { allExtractors } from './extractors/all-extractors';
import { ExtractorRegistry } from './extractors/extractor-registry';
import { PdfTextPool } from './extractors/pdf-text-pool';
import type { ExtractionLimits } from './limits';
import { TesseractOcr } from './ocr/tesseract-ocr';
import { PageImagesService } from './pages/page-images.service';
import { RenderPageImageHandler } from './pages/render-page-image.handler';

@Module({})
export class ExtractionModule implements OnApplicationShutdown {
  constructor(
    @Inject(TesseractOcr) private readonly ocr: TesseractOcr,
    @Inject(PdfTextPool) private readonly pdfTextLayers: PdfTextPool,
  ) {}

  static register(config: ExtractionConfig, logger: Logger): DynamicModule {
    const limits: ExtractionLimits = {
      maxPages: config.MAX_PAGES,
      maxTextBytes: config.MAX_TEXT_BYTES,
      maxImagePixels: config.MAX_IMAGE_PIXELS,
      maxArchiveBytes: config.MAX_ARCHIVE_BYTES,
      maxArchiveEntries: config.MAX_ARCHIVE_ENTRIES,
      timeoutMs: config.EXTRACTION_TIMEOUT_MS,
    };
    return {
      module: ExtractionModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({
          service: 'extraction',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          prefetch: config.EXTRACTION_CONCURRENCY,
        }),
        StorageModule.forRoot(config),
      ],
      providers: [
        { provide: EXTRACTION_LIMITS, useValue: limits },
        { provide: OCR_TENANT_LANGUAGES, useValue: config.OCR_TENANT_LANGUAGES },
        { provide: TesseractOcr, inject: [LOGGER], useFactory: (log: Logger) => new TesseractOcr(config.OCR_WORKERS, log) },
        { provide: PdfTextPool, useFactory: () => new PdfTextPool(config.PDF_TEXT_THREADS) },
        {
          provide: ExtractorRegistry,
          inject: [TesseractOcr, PdfTextPool],
          useFactory: (ocr: TesseractOcr, pdfTextLayers: PdfTextPool) => allExtractors(ocr, pdfTextLayers, config.OCR_DPI),
        },
        ...stageWorkerProviders(ObjectStore),
        ExtractionService,
        ExtractTextHandler,
        PageImagesService,
        RenderPageImageHandler,
      ],
    };
  }

  /** OCR workers and PDF text-layer readers are threads: end them, or the process cannot exit. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.ocr.close(), this.pdfTextLayers.close()]);
  }
}
