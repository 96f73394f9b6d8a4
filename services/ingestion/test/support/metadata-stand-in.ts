import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { AnswerRequests, EventsModule } from '@docpipe/events';
import { RegisterDocument, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { PlatformModule, createLogger } from '@docpipe/platform';

/**
 * Stands in for the metadata service, which this suite does not start: RegisterDocument with its
 * contract's duplicate rule (same tenant + same SHA-256 answers the first document), kept in memory.
 * It answers over the real broker like the real one; main.int.spec.ts runs ingestion with the real metadata service.
 */
@Injectable()
export class MetadataStandIn {
  readonly registered: RequestOf<typeof RegisterDocument>[] = [];
  private readonly bySha = new Map<string, string>();

  @AnswerRequests(RegisterDocument)
  async register(request: RequestOf<typeof RegisterDocument>): Promise<ResponseOf<typeof RegisterDocument>> {
    const existing = this.bySha.get(`${request.tenantId}/${request.sha256}`);
    if (existing) return { documentId: existing, duplicateOf: existing, status: 'queued' };
    this.bySha.set(`${request.tenantId}/${request.sha256}`, request.documentId);
    this.registered.push(request);
    return { documentId: request.documentId, duplicateOf: null, status: 'queued' };
  }
}

@Module({})
export class MetadataStandInModule {
  static on(url: string): DynamicModule {
    return {
      module: MetadataStandInModule,
      imports: [
        PlatformModule.forRoot({ logger: createLogger({ service: 'metadata-stand-in', level: 'silent' }) }),
        EventsModule.forRoot({ service: 'metadata', url, topology: [] }),
      ],
      providers: [MetadataStandIn],
    };
  }
}
