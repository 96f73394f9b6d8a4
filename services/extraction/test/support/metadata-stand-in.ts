import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { AnswerRequests, EventsModule, GetDocument, type DocumentView, type RequestOf } from '@docpipe/events';
import { createLogger, PlatformModule } from '@docpipe/platform';

/**
 * Stands in for the metadata service, which this suite does not start: answers GetDocument (the workers' check
 * before their work) with every document in progress, except those a test cancelled.
 */
@Injectable()
export class MetadataStandIn {
  private readonly cancelled = new Set<string>();

  /** As a cancel does: the document answers status `cancelled` from now on. */
  cancel(tenantId: string, documentId: string): void {
    this.cancelled.add(`${tenantId}/${documentId}`);
  }

  @AnswerRequests(GetDocument)
  async get({ tenantId, documentId }: RequestOf<typeof GetDocument>): Promise<DocumentView> {
    const at = new Date().toISOString();
    return {
      id: documentId,
      fileName: 'document',
      mediaType: 'application/octet-stream',
      sizeBytes: 1,
      status: this.cancelled.has(`${tenantId}/${documentId}`) ? 'cancelled' : 'queued',
      documentType: null,
      confidence: null,
      tags: [],
      createdAt: at,
      updatedAt: at,
      stalled: null,
      sha256: '0'.repeat(64),
      objectKey: `originals/${tenantId}/${documentId}`,
      textKey: null,
      language: null,
      pages: null,
      chunks: null,
      metadata: {},
      fields: {},
      error: null,
      stages: [],
      pipeline: {},
    };
  }
}

/** The stand-in on its own connection, on the vhost of the service under test. */
@Module({})
export class MetadataStandInModule {
  static on(url: string): DynamicModule {
    return {
      module: MetadataStandInModule,
      imports: [
        PlatformModule.forRoot({ logger: createLogger({ service: 'metadata-stand-in', level: 'silent' }) }),
        EventsModule.forRoot({ service: 'metadata', url }),
      ],
      providers: [MetadataStandIn],
    };
  }
}
