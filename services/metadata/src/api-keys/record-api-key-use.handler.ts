import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimEvent, HandleEvents, queues } from '@docpipe/events';
import type { ApiKeyUsed, Envelope } from '@docpipe/contracts';

// Uses within this long of the recorded one are not written again: at most one write a minute per key, however many
// gateway instances announce it.
const WRITE_EVERY = '1 minute';

/**
 * Keeps each key's last-used time from api-key.used. The inbox claim and the update share a transaction; an older
 * announcement (one that waited in the queue) never moves the time back.
 */
@Injectable()
export class RecordApiKeyUseHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @HandleEvents(queues.recordKeyUse)
  async handle(event: Envelope<typeof ApiKeyUsed>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const run = (sql: string, parameters: unknown[]) => manager.query(sql, parameters) as Promise<unknown[]>;
      if (!(await claimEvent(run, queues.recordKeyUse.name, event.id))) return;
      await manager.query(
        `UPDATE api_keys SET last_used_at = $2
          WHERE key_id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '${WRITE_EVERY}')`,
        [event.payload.keyId, event.payload.usedAt],
      );
    });
  }
}
