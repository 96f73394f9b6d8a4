import { Inject, Injectable } from '@nestjs/common';
import { AnswerRequests } from '@docpipe/events';
import { FindSimilarDocuments, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { SearchService } from './search.service';

@Injectable()
export class FindSimilarDocumentsHandler {
  constructor(@Inject(SearchService) private readonly search: SearchService) {}

  @AnswerRequests(FindSimilarDocuments)
  handle(request: RequestOf<typeof FindSimilarDocuments>): Promise<ResponseOf<typeof FindSimilarDocuments>> {
    return this.search.similar(FindSimilarDocuments.request.parse(request));
  }
}
