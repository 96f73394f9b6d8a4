import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DeadLetters, type DeadLetterQueueReport, type RedriveResult } from '@docpipe/events';
import type { Principal } from '@docpipe/platform';
import { AdminGuard } from '../auth/admin.guard';
import { Caller } from '../auth/caller.decorator';
import { AuditTrail } from '../security/audit-trail';
import { ApiAnswer, ApiErrors, ApiQueryFrom } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

const listQuery = z.object({
  /** Messages listed per queue; the count is always the whole DLQ's. */
  limit: z.coerce.number().int().min(0).max(500).default(50),
});

const redriveBody = z
  .object({ messageIds: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional() })
  .default({})
  .describe('Without messageIds, every message of the queue’s DLQ is redriven.');

const deadLetterSchema = z.object({
  messageId: z.string().nullable(),
  type: z.string().nullable(),
  tenantId: z.string().nullable(),
  documentId: z.string().nullable(),
  originalRoutingKey: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number().int().nullable(),
  firstFailureAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
});
const listSchema = z.object({
  queues: z.array(
    z.object({ queue: z.string(), deadLetterQueue: z.string(), count: z.number().int(), messages: z.array(deadLetterSchema) }),
  ),
});
const redriveSchema = z.object({ queue: z.string(), redriven: z.number().int(), remaining: z.number().int() });
const forbidden = { status: 403, description: 'The key is a tenant’s, not an admin key.' };

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(AdminGuard)
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Dead letters per queue',
    description:
      'Every queue’s DLQ: its size and its oldest messages with the error, attempts and failure times. Reading returns the messages to the DLQ, possibly in another order.',
  })
  @ApiQueryFrom(listQuery)
  @ApiAnswer(200, 'The DLQs.', listSchema)
  @ApiErrors(forbidden)
  async list(
    @Query(new ZodValidationPipe(listQuery, 'query')) query: z.output<typeof listQuery>,
  ): Promise<{ queues: DeadLetterQueueReport[] }> {
    return { queues: await this.deadLetters.list(query.limit) };
  }

  @Post(':queue/redrive')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Redrive dead letters',
    description: 'Sends the DLQ’s messages (all, or those with the given message ids) back to their queue as first attempts.',
  })
  @ApiParam({ name: 'queue', example: 'extraction.extract-text' })
  @ApiAnswer(200, 'How many went back, and how many are left.', redriveSchema)
  @ApiErrors(forbidden, { status: 404, description: 'No such queue.' })
  async redrive(
    @Param('queue') queue: string,
    @Body(new ZodValidationPipe(redriveBody, 'body')) body: z.output<typeof redriveBody>,
    @Caller() caller: Principal,
  ): Promise<RedriveResult> {
    const result = await this.deadLetters.redrive(queue, body.messageIds);
    await this.audit.record(caller, {
      action: 'dead-letters.redriven',
      tenantId: null,
      target: queue,
      details: { redriven: result.redriven, remaining: result.remaining },
    });
    return result;
  }
}
