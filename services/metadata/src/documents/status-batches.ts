import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimelineEntry } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { applyStatusBatch, type BatchOutcome } from './apply-status-batch';
import type { TrackedEvent } from './tracked-event';

interface Waiting {
  event: TrackedEvent;
  applied(entry: TimelineEntry | null): void;
  failed(error: unknown): void;
}

/**
 * Gathers the events the consumer's handlers hand in (as many as its prefetch lets it hold) and applies them one
 * transaction per batch: while a batch commits the next one gathers, so batches grow with the load and a lone event
 * waits for nobody. Each handler's promise settles after its batch committed, so its message is acked only then.
 * When a batch fails its events are applied again one per transaction: the others commit, and the one that fails
 * rejects its handler and takes the consumer's retry and dead-letter path.
 */
@Injectable()
export class StatusBatches {
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Applies the event with the batch it joins; answers the timeline entry to announce, if any. */
  apply(event: TrackedEvent): Promise<TimelineEntry | null> {
    return new Promise((applied, failed) => {
      this.waiting.push({ event, applied, failed });
      if (!this.draining) {
        this.draining = true;
        // One turn of the event loop lets the messages that arrived together join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      await this.applyBatch(batch);
    }
    this.draining = false;
  }

  private async applyBatch(batch: Waiting[]): Promise<void> {
    try {
      settle(batch, await this.transaction(batch));
    } catch (error) {
      if (batch.length === 1) return batch[0].failed(error);
      this.logger.warn({ err: error, events: batch.length }, 'a batch of events failed; applying them one by one');
      for (const one of batch) {
        await this.transaction([one]).then(
          (outcome) => settle([one], outcome),
          (reason: unknown) => one.failed(reason),
        );
      }
    }
  }

  private transaction(batch: Waiting[]): Promise<BatchOutcome> {
    const events = batch.map((waiting) => waiting.event);
    return this.dataSource.transaction((manager) => applyStatusBatch(manager, events, this.logger));
  }
}

function settle(batch: Waiting[], outcome: BatchOutcome): void {
  for (const waiting of batch) waiting.applied(outcome.get(waiting.event.id) ?? null);
}
