/** Runs SQL inside the caller's transaction and returns the rows (adapts pg, TypeORM, …). */
export type SqlRunner = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/** The table behind `claimEvents`; each owning service creates it in its own migrations. */
export const processedEventsTableSql = `
CREATE TABLE IF NOT EXISTS processed_events (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
)`;

/**
 * Idempotent consumption: call inside the transaction that performs the handler's effects.
 * Returns false when this consumer already processed the event (a redelivery or a duplicate publish),
 * in which case the handler skips its effects and lets the message be acked.
 */
export async function claimEvent(run: SqlRunner, consumer: string, eventId: string): Promise<boolean> {
  return (await claimEvents(run, consumer, [eventId])).has(eventId);
}

/**
 * `claimEvent` for many events in one statement (a consumer that applies a batch in one transaction): answers
 * the ids this consumer had not processed yet; an id given twice is claimed once.
 */
export async function claimEvents(run: SqlRunner, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = (await run(
    `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventIds],
  )) as { event_id: string }[];
  return new Set(rows.map((row) => row.event_id));
}
