import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { allQueues, DeadLetters } from '@docpipe/events';
import { AdminGuard } from '../auth/admin.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { QueueHistory } from './queue-history';
import { ApiAnswer, ApiErrors } from '../validation/openapi-schema';

const pipelineSchema = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      service: z.string(),
      description: z.string(),
      messages: z.number().int(),
      consumers: z.number().int(),
      deadLetters: z.number().int(),
      /** Samples of the last hour, oldest first (every QUEUE_SAMPLE_SECONDS; empty just after the gateway started). */
      history: z.array(z.object({ at: z.string(), messages: z.number().int(), deadLetters: z.number().int() })),
    }),
  ),
  /** Where people open the RabbitMQ management console, when configured. */
  consoleUrl: z.string().nullable(),
});
type Pipeline = z.infer<typeof pipelineSchema>;

const describedQueues = new Map(allQueues.map((queue) => [queue.name, queue]));

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(AdminGuard)
@Controller('api/v1/admin/pipeline')
export class PipelineController {
  constructor(
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(QueueHistory) private readonly history: QueueHistory,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Queues of the pipeline',
    description:
      'Per queue: the messages waiting, the consumers (worker copies) reading it and its dead letters, straight from the broker, ' +
      'and what waited and died over the last hour.',
  })
  @ApiAnswer(200, 'The queues, in pipeline order.', pipelineSchema)
  @ApiErrors({ status: 403, description: 'The key is a tenant’s, not an admin key.' })
  async get(): Promise<Pipeline> {
    const depths = await this.deadLetters.depths();
    return {
      queues: depths.map((depth) => {
        const spec = describedQueues.get(depth.queue);
        return { ...depth, service: spec?.service ?? '', description: spec?.description ?? '', history: this.history.of(depth.queue) };
      }),
      consoleUrl: this.config.RABBITMQ_CONSOLE_URL ?? null,
    };
  }
}
