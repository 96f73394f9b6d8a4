import { Inject, Injectable } from '@nestjs/common';
import { AnswerRequests } from '@docpipe/events';
import { IngestUpload, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { IngestionService } from './ingestion.service';

@Injectable()
export class IngestUploadHandler {
  constructor(@Inject(IngestionService) private readonly ingestion: IngestionService) {}

  @AnswerRequests(IngestUpload)
  handle(request: RequestOf<typeof IngestUpload>): Promise<ResponseOf<typeof IngestUpload>> {
    // The server validated it already; parsing again yields the defaults as typed output.
    return this.ingestion.ingest(IngestUpload.request.parse(request));
  }
}
