import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { FindIdempotentResponse, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { IdempotentResponseEntity } from '../database/idempotent-response.entity';

@Injectable()
export class FindIdempotentResponseHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(FindIdempotentResponse)
  async find(request: RequestOf<typeof FindIdempotentResponse>): Promise<ResponseOf<typeof FindIdempotentResponse>> {
    const stored = await this.dataSource.manager.findOneBy(IdempotentResponseEntity, {
      tenantId: request.tenantId,
      key: request.key,
    });
    return { response: stored ? stored.response : null };
  }
}
