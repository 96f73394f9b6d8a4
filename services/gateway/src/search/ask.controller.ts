import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RpcClient } from '@docpipe/events';
import { AskQuestion } from '@docpipe/contracts';
import { ReadingRoute } from '../auth/reading-route.decorator';
import { Tenant } from '../auth/tenant.decorator';
import { TenantGuard } from '../auth/tenant.guard';
import { ApiAnswer, ApiErrors, openApiSchema } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { answerEvents, errorEvent, passagesEvent } from './answer-events';
import { askBody, type AskBody } from './ask.body';

// The offline answerer reads a few passages sentence by sentence with the encoder: longer than a search.
const ASK_TIMEOUT_MS = 30_000;

@ApiTags('search')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(TenantGuard)
@ReadingRoute()
@Controller('api/v1/ask')
export class AskController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Ask your documents a question',
    description:
      'An answer quoted from your documents: the sentences that answer the question best, each cited to its document, page and ' +
      'characters, with the passages read. found: false (and "No answer found in your documents.") when none answers well enough; ' +
      'the answer is never a sentence of its own. With Accept: text/event-stream the answer comes as Server-Sent Events: ' +
      '`passages` as soon as search has found them, one `sentence` per sentence with its citation once the answerer has read ' +
      'them, then `done`; a failure after the passages ends the stream with an `error` event ({ code, message }). Needs the read scope.',
  })
  @ApiBody({ schema: openApiSchema(askBody, 'input') })
  @ApiHeader({ name: 'Accept', required: false, description: 'application/json (default) or text/event-stream.' })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiAnswer(200, 'The answer with its citations and passages, or found: false.', AskQuestion.response)
  @ApiErrors({ status: 400, description: 'Invalid body, or a question that names nothing to look for (question_without_terms).' })
  async ask(
    @Tenant() tenantId: string,
    @Body(new ZodValidationPipe(askBody, 'body')) body: AskBody,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { question, filters, passages, sentences } = body;
    const { type, ...rest } = filters;
    const asked = { tenantId, question, documentType: type, ...rest, passages, sentences };
    if (!wantsEventStream(accept)) {
      response.json(await this.rpc.call(AskQuestion, asked, ASK_TIMEOUT_MS));
      return;
    }
    // The passages go out as soon as search has found them; until then a failure is still an HTTP error with its
    // status, after it an `error` event ends the stream.
    const start = () => {
      if (response.headersSent) return;
      response.status(HttpStatus.OK).set(EVENT_STREAM_HEADERS);
      response.flushHeaders();
    };
    try {
      let passagesSent = false;
      const answer = await this.rpc.call(AskQuestion, asked, ASK_TIMEOUT_MS, (progress) => {
        start();
        response.write(passagesEvent(progress.passages));
        passagesSent = true;
      });
      start();
      for (const event of answerEvents(answer, { withPassages: !passagesSent })) response.write(event);
    } catch (error) {
      if (!response.headersSent) throw error;
      response.write(errorEvent(error));
    }
    response.end();
  }
}

const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // Proxies such as nginx would otherwise buffer the stream.
  'X-Accel-Buffering': 'no',
};

function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((type) => type.trim().split(';')[0].toLowerCase() === 'text/event-stream');
}
