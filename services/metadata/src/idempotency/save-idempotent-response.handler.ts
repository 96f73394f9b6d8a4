import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { SaveIdempotentResponse, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { IdempotentResponseEntity } from '../database/idempotent-response.entity';

/** The first response recorded for a key wins; every later save answers that one, so retries agree. */
@Injectable()
export class SaveIdempotentResponseHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(SaveIdempotentResponse)
  async save(request: RequestOf<typeof SaveIdempotentResponse>): Promise<ResponseOf<typeof SaveIdempotentResponse>> {
    await this.dataSource.query(
      'INSERT INTO idempotent_responses (tenant_id, key, response) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING',
      [request.tenantId, request.key, JSON.stringify(request.response ?? null)],
    );
    const stored = await this.dataSource.manager.findOneByOrFail(IdempotentResponseEntity, {
      tenantId: request.tenantId,
      key: request.key,
    });
    return { response: stored.response };
  }
}
