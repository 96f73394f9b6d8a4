import { Inject, Injectable } from '@nestjs/common';
import { ReadIndexStatus, type ResponseOf } from '@docpipe/contracts';
import { AnswerRequests } from '@docpipe/events';
import type { MaintenanceProgress } from '@docpipe/search-index';
import type { IndexTargets } from './index-targets';
import { INDEX_TARGETS } from './providers';
import { ReembeddingService } from './reembedding.service';

/** Answers the Pipeline page: the index indexing writes, its background maintenance, and a re-embedding's progress. */
@Injectable()
export class ReadIndexStatusHandler {
  constructor(
    @Inject(INDEX_TARGETS) private readonly targets: IndexTargets,
    @Inject(ReembeddingService) private readonly reembedding: ReembeddingService,
  ) {}

  @AnswerRequests(ReadIndexStatus)
  async handle(): Promise<ResponseOf<typeof ReadIndexStatus>> {
    const stats = await this.targets.own.index.stats();
    // Only the embedded engine reports maintenance; OpenSearch merges and refreshes by itself.
    const maintenance = (stats.details['maintenance'] as MaintenanceProgress | null | undefined) ?? null;
    return {
      engine: stats.engine,
      indexName: stats.indexName,
      chunks: stats.chunks,
      maintenance,
      reembedding: this.reembedding.progress(),
    };
  }
}
