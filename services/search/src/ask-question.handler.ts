import { Inject, Injectable } from '@nestjs/common';
import { AnswerRequests } from '@docpipe/events';
import { AskQuestion, type ProgressOf, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { AskService } from './ask.service';

@Injectable()
export class AskQuestionHandler {
  constructor(@Inject(AskService) private readonly asking: AskService) {}

  @AnswerRequests(AskQuestion)
  handle(
    request: RequestOf<typeof AskQuestion>,
    report: (progress: ProgressOf<typeof AskQuestion>) => void,
  ): Promise<ResponseOf<typeof AskQuestion>> {
    // The server validated it already; parsing again yields the defaults as typed output.
    return this.asking.ask(AskQuestion.request.parse(request), (passages) => report({ passages }));
  }
}
