import { Inject, Injectable } from '@nestjs/common';
import { HandleEvents, queues } from '@docpipe/events';
import { type DocumentReceived, type Envelope } from '@docpipe/contracts';
import { IngestionService } from './ingestion.service';

/** document.received → document.uploaded (stored as the original) or document.rejected. */
@Injectable()
export class IngestUploadHandler {
  constructor(@Inject(IngestionService) private readonly ingestion: IngestionService) {}

  @HandleEvents(queues.ingestUpload)
  handle(event: Envelope<typeof DocumentReceived>): Promise<void> {
    return this.ingestion.ingest(event);
  }
}
