import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { AnswerRequests, EventsModule, GetDocument, type DocumentStatus, type DocumentView, type RequestOf } from '@docpipe/events';
import { AppError, createLogger, PlatformModule } from '@docpipe/platform';

export interface KnownDocument {
  tenantId: string;
  documentId: string;
  fileName: string;
  tags: string[];
  createdAt: string;
  status?: DocumentStatus;
}

/**
 * Stands in for the metadata service, which this suite does not start: answers GetDocument for the
 * documents a test registers, and `document_not_found` (as metadata does) for any other id or tenant.
 */
@Injectable()
export class MetadataStandIn {
  private readonly documents = new Map<string, KnownDocument>();

  register(document: KnownDocument): void {
    this.documents.set(`${document.tenantId}/${document.documentId}`, document);
  }

  /** As a cancel does: the document is still known, in status `cancelled`. */
  cancel(tenantId: string, documentId: string): void {
    const known = this.documents.get(`${tenantId}/${documentId}`);
    if (known) known.status = 'cancelled';
  }

  forget(tenantId: string, documentId: string): void {
    this.documents.delete(`${tenantId}/${documentId}`);
  }

  @AnswerRequests(GetDocument)
  async get(request: RequestOf<typeof GetDocument>): Promise<DocumentView> {
    const known = this.documents.get(`${request.tenantId}/${request.documentId}`);
    if (!known) throw new AppError('document_not_found', `No document ${request.documentId}`);
    return {
      id: known.documentId,
      fileName: known.fileName,
      mediaType: 'text/plain',
      sizeBytes: 100,
      status: known.status ?? 'classified',
      documentType: null,
      confidence: null,
      tags: known.tags,
      createdAt: known.createdAt,
      updatedAt: known.createdAt,
      sha256: 'a'.repeat(64),
      objectKey: `originals/${known.tenantId}/${known.documentId}`,
      textKey: null,
      language: 'en',
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

/** The stand-in on its own connection; it also declares the whole topology, so metadata.track-status collects every event. */
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
