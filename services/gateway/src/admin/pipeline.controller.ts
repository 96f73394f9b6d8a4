import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { pipelineViewSchema, ReadIndexStatus, type PipelineView as Pipeline } from '@docpipe/contracts';
import { allQueues, DeadLetters, RpcClient } from '@docpipe/events';
import { errorMessage, LOGGER, type Logger } from '@docpipe/platform';
import { AdminGuard } from '../auth/admin.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { QueueHistory } from './queue-history';
import { ApiAnswer, ApiErrors } from '../validation/openapi-schema';

const describedQueues = new Map(allQueues.map((queue) => [queue.name, queue]));

// The page refreshes every two seconds: a slow or absent indexing must not hold the queues back for longer.
const INDEX_STATUS_WAIT_MS = 1_500;

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
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Queues of the pipeline',
    description:
      'Per queue: the messages waiting, the consumers (worker copies) reading it and its dead letters, straight from the broker, ' +
      'and what waited, died and arrived (its throughput) over the last hour; and the search index as indexing reports it: chunks, background ' +
      'maintenance and the progress of a re-embedding.',
  })
  @ApiAnswer(200, 'The queues, in pipeline order.', pipelineViewSchema)
  @ApiErrors({ status: 403, description: 'The key is a tenant’s, not an admin key.' })
  async get(): Promise<Pipeline> {
    const [depths, index] = await Promise.all([this.deadLetters.depths(), this.indexStatus()]);
    return {
      ...index,
      queues: depths.map((depth) => {
        const spec = describedQueues.get(depth.queue);
        return { ...depth, service: spec?.service ?? '', description: spec?.description ?? '', history: this.history.of(depth.queue) };
      }),
      consoleUrl: this.config.RABBITMQ_CONSOLE_URL ?? null,
    };
  }

  /** The queues answer without it: an indexing that is down or busy shows as the reason instead of the index's state. */
  private async indexStatus(): Promise<Pick<Pipeline, 'searchIndex' | 'searchIndexError'>> {
    try {
      return { searchIndex: await this.rpc.call(ReadIndexStatus, {}, INDEX_STATUS_WAIT_MS), searchIndexError: null };
    } catch (error) {
      this.logger.warn(
        { event: 'gateway.index-status-unavailable', reason: errorMessage(error) },
        'indexing did not report the search index',
      );
      return { searchIndex: null, searchIndexError: `indexing did not answer: ${errorMessage(error)}` };
    }
  }
}
