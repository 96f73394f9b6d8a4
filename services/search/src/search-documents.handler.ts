import { Inject, Injectable } from '@nestjs/common';
import { AnswerRequests } from '@docpipe/events';
import { SearchDocuments, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { SearchService } from './search.service';

@Injectable()
export class SearchDocumentsHandler {
  constructor(@Inject(SearchService) private readonly search: SearchService) {}

  @AnswerRequests(SearchDocuments)
  handle(request: RequestOf<typeof SearchDocuments>): Promise<ResponseOf<typeof SearchDocuments>> {
    // The server validated it already; parsing again yields the defaults as typed output.
    return this.search.search(SearchDocuments.request.parse(request));
  }
}
