import { context } from '@opentelemetry/api';
import { errorMessage, type Logger } from '@docpipe/platform';
import { type EventContract, type PayloadOf, envelopeSchema, type Envelope } from '@docpipe/contracts';
import { originFor } from './correlation';
import { createEnvelope } from './create-envelope';
import type { SqlRunner } from './inbox';
import type { EventPublisher } from './publisher';
import { contextFromHeaders, traceHeaders } from './tracing';

/** The table behind `enqueueEvent`; each service that writes its database and publishes creates it in its migrations. */
export const outboxTableSql = `
CREATE TABLE IF NOT EXISTS outbox (
  event_id    uuid        PRIMARY KEY,
  routing_key text        NOT NULL,
  envelope    jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  sent_at     timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL`;

/**
 * Added after `outboxTableSql` (run it in a later migration): the trace context (W3C headers) of the transaction
 * that enqueued each event, so the relay publishes it as part of that trace; NULL when tracing was off.
 */
export const outboxTraceContextSql = 'ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_context jsonb';

/**
 * Transactional outbox: call inside the transaction that writes the state the event announces, so the
 * event exists exactly when the state does. The service's `OutboxRelay` publishes it after the commit.
 */
export async function enqueueEvent<C extends EventContract>(
  run: SqlRunner,
  contract: C,
  payload: PayloadOf<C>,
  target: { documentId?: string; tenantId?: string } = {},
): Promise<Envelope<C>> {
  const envelope = createEnvelope(contract, payload, originFor(target));
  const trace = traceHeaders();
  await run('INSERT INTO outbox (event_id, routing_key, envelope, trace_context) VALUES ($1, $2, $3::jsonb, $4::jsonb)', [
    envelope.id,
    contract.routingKey,
    JSON.stringify(envelope),
    Object.keys(trace).length > 0 ? JSON.stringify(trace) : null,
  ]);
  return envelope;
}

/** Runs `work` in one database transaction (adapts TypeORM, pg, …). */
export type Transactor = <T>(work: (run: SqlRunner) => Promise<T>) => Promise<T>;

export interface OutboxRelayOptions {
  /** How often the table is looked at when nothing woke the relay. */
  pollIntervalMs: number;
  /** Rows published per round, all in flight at once. */
  batchSize: number;
  logger: Logger;
}

interface OutboxRow {
  event_id: string;
  routing_key: string;
  envelope: unknown;
  trace_context: Record<string, unknown> | null;
}

/**
 * Publishes what `enqueueEvent` wrote, with confirms, and marks it sent in the same transaction that locked
 * it (FOR UPDATE SKIP LOCKED, so several instances share the work). A crash between the confirm and the
 * commit publishes the row again: consumers dedupe by envelope id. Nothing is marked sent unconfirmed.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly transaction: Transactor,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the table now (call after a commit that enqueued events); rounds never overlap. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      } else if (!this.stopped) {
        this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === this.options.batchSize);
    } catch (error) {
      // The rows stay unsent and the next round tries them again.
      this.options.logger.warn({ event: 'outbox.publish_failed', reason: errorMessage(error) }, 'outbox round failed; retrying');
    }
  }

  /** One transaction: lock a batch of unsent rows, publish them all, mark them sent. Returns how many. */
  private publishBatch(): Promise<number> {
    return this.transaction(async (run) => {
      const rows = (await run(
        `SELECT event_id, routing_key, envelope, trace_context FROM outbox WHERE sent_at IS NULL
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => this.publish(row)));
      await run('UPDATE outbox SET sent_at = now() WHERE event_id = ANY($1::uuid[])', [rows.map((row) => row.event_id)]);
      return rows.length;
    });
  }

  /** In the trace of the transaction that enqueued it, not in the relay's own round. */
  private publish(row: OutboxRow): Promise<void> {
    const envelope = envelopeSchema.parse(row.envelope) as Envelope;
    return context.with(contextFromHeaders(row.trace_context), () => this.publisher.publishEnvelope(envelope, row.routing_key));
  }
}
