import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentTimelineAppended, type DocumentStatus, type Stage, type TimelineEntry } from '@docpipe/contracts';
import { EventPublisher } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { appendTimelineEntry } from '../timeline/append-timeline-entry';
import { STALL_POLICY, type StallPolicy } from './stall-policy';

// Documents reported per transaction; a larger backlog is taken in further rounds of the same sweep.
const BATCH_SIZE = 200;

interface StalledRow {
  id: string;
  tenant_id: string;
  status: DocumentStatus;
  status_since: Date;
  stage: Stage;
  budget: number;
}

interface Report {
  tenantId: string;
  documentId: string;
  entry: TimelineEntry;
}

/**
 * Reports documents that stayed in their status longer than its budget, once per stall: the row is marked in
 * the same UPDATE that picks it (`stalled_stage IS NULL`, rows locked by another sweep skipped), so any number
 * of metadata instances may sweep at once without a double report. A status change clears the mark (trigger).
 */
@Injectable()
export class StallDetector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(STALL_POLICY) private readonly policy: StallPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One sweep at a time per instance; a slow one makes the next tick wait for the next interval.
      this.running ??= this.sweep()
        .catch((error: unknown) =>
          this.logger.error({ err: error, event: 'stalls.sweep_failed' }, 'stall sweep failed; the next one retries'),
        )
        .finally(() => (this.running = undefined));
    }, this.policy.sweepIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Marks and announces every document over its budget; answers how many were newly reported. */
  async sweep(): Promise<number> {
    let reported = 0;
    for (;;) {
      const reports = await this.dataSource.transaction(async (manager) => {
        const [rows] = (await manager.query(
          `WITH budgets (status, stage, budget) AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]))
           UPDATE documents d SET stalled_stage = b.stage, stalled_budget_seconds = b.budget, updated_at = now()
           FROM budgets b
           WHERE b.status = d.status AND d.id IN (
             SELECT c.id FROM documents c JOIN budgets cb ON cb.status = c.status
             WHERE c.stalled_stage IS NULL AND c.status_since < now() - make_interval(secs => cb.budget)
             ORDER BY c.status_since LIMIT $4 FOR UPDATE OF c SKIP LOCKED)
           RETURNING d.id, d.tenant_id, d.status, d.status_since, b.stage, b.budget`,
          [
            this.policy.budgets.map((budget) => budget.status),
            this.policy.budgets.map((budget) => budget.stage),
            this.policy.budgets.map((budget) => budget.seconds),
            BATCH_SIZE,
          ],
        )) as [StalledRow[], number];
        const appended: Report[] = [];
        for (const row of rows) {
          const since = new Date(row.status_since).toISOString();
          const entry = await appendTimelineEntry(manager, {
            documentId: row.id,
            eventId: randomUUID(),
            type: 'document.stalled',
            stage: row.stage,
            status: row.status,
            detail: { stage: row.stage, status: row.status, since, budgetSeconds: row.budget },
            occurredAt: new Date().toISOString(),
          });
          appended.push({ tenantId: row.tenant_id, documentId: row.id, entry });
        }
        return appended;
      });
      for (const report of reports) await this.announce(report);
      reported += reports.length;
      if (reports.length < BATCH_SIZE) return reported;
    }
  }

  private async announce({ tenantId, documentId, entry }: Report): Promise<void> {
    this.logger.warn(
      { event: 'document.stalled', tenantId, documentId, stage: entry.stage, status: entry.status, detail: entry.detail },
      'document stalled: it outstayed the time budget of its status',
    );
    // For live views only: the mark is committed and the timeline keeps the entry for a reader that missed this notice.
    await this.publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId }).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId, seq: entry.seq }, 'could not announce the stall to live views');
    });
  }
}
