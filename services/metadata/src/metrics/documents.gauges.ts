import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { documentStatusSchema, stageSchema } from '@docpipe/contracts';
import { LOGGER, MetricsRegistry, type Logger } from '@docpipe/platform';

/**
 * Documents per status, and stalled documents per stage, counted in PostgreSQL at each scrape (across tenants;
 * deleted rows count as `deleted`). Every label value is always present, at 0 when none, so a series never vanishes.
 */
@Injectable()
export class DocumentsGauges {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const countBy = (column: 'status' | 'stalled_stage') => this.countBy(column);
    new Gauge({
      name: 'docpipe_documents',
      help: 'Documents in each status.',
      labelNames: ['status'],
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const counts = await countBy('status');
        if (counts) for (const status of documentStatusSchema.options) this.set({ status }, counts.get(status) ?? 0);
      },
    });
    new Gauge({
      name: 'docpipe_documents_stalled',
      help: 'Documents reported stalled (longer in their status than its time budget), by the stage they run or wait for.',
      labelNames: ['stage'],
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const counts = await countBy('stalled_stage');
        if (counts) for (const stage of stageSchema.options) this.set({ stage }, counts.get(stage) ?? 0);
      },
    });
  }

  /** Null when the database cannot answer: the gauge stays empty, which alerts can see, instead of failing the whole scrape. */
  private async countBy(column: 'status' | 'stalled_stage'): Promise<Map<string, number> | null> {
    try {
      const rows = (await this.dataSource.query(
        `SELECT ${column} AS value, count(*)::int AS count FROM documents WHERE ${column} IS NOT NULL GROUP BY ${column}`,
      )) as { value: string; count: number }[];
      return new Map(rows.map((row) => [row.value, row.count]));
    } catch (error) {
      this.logger.warn({ err: error, event: 'metrics.count_failed', column }, 'could not count documents for /metrics');
      return null;
    }
  }
}
