import type { OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Logger } from './logger';

export const sharedLimitsConfigSchema = z.object({
  /**
   * PostgreSQL where every gateway and notification instance keeps its rate and failure counts (schema rate_limits,
   * created at start), so replicas count against one budget; empty: each instance counts on its own, as it does while
   * the database cannot be reached.
   */
  RATE_LIMIT_DATABASE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .url()
      .refine((url) => /^postgres(ql)?:$/.test(new URL(url).protocol), 'a postgres:// or postgresql:// URL')
      .optional(),
  ),
});

/** A fixed window: `points` per `duration` seconds, then refused (for `blockDuration` seconds when set). */
export interface LimitWindow {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

// The authenticating services' own schema on that server: nothing else reads or writes it.
const SCHEMA = 'rate_limits';
const TABLE = 'counts';
// A database that does not answer within this falls back to counting per process rather than holding requests.
const DATABASE_TIMEOUT_MS = 1_000;

/**
 * Where rate-limiter-flexible keeps its counts: PostgreSQL shared by every instance when RATE_LIMIT_DATABASE_URL is
 * set, else this process's memory. While that database cannot be reached, each limiter counts in this process (the
 * library's insurance limiter) until it can again, and the store says so once per outage.
 */
export class LimiterStore implements OnApplicationShutdown {
  private constructor(private readonly shared?: { pool: Pool; table: SharedTable; outage: OutageLog }) {}

  static async open(databaseUrl: string | undefined, logger: Logger): Promise<LimiterStore> {
    if (!databaseUrl) return new LimiterStore();
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 4,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      query_timeout: DATABASE_TIMEOUT_MS,
    });
    // An idle client losing its server is an outage the next request meets; without a listener it would crash the process.
    pool.on('error', () => undefined);
    const outage = new OutageLog(logger);
    const table = new SharedTable(pool, outage);
    await table.prepare();
    return new LimiterStore({ pool, table, outage });
  }

  limiter(window: LimitWindow): SharedLimiter {
    if (!this.shared) return new SharedLimiter(new RateLimiterMemory(window));
    const { pool, table, outage } = this.shared;
    const limiter = new RateLimiterPostgres({
      ...window,
      storeClient: pool,
      storeType: 'pool',
      schemaName: SCHEMA,
      tableName: TABLE,
      tableCreated: true,
      insuranceLimiter: new PerProcessFallback(window, () => table.fellBack()),
    });
    return new SharedLimiter(limiter, outage);
  }

  /** After the servers stopped, so no request meets a closed pool. */
  async onApplicationShutdown(): Promise<void> {
    await this.shared?.pool.end();
  }
}

/** One limiter of a store; an answer from the shared database again ends an outage. */
export class SharedLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly outage?: OutageLog,
  ) {}

  /** Takes `points` from `key`'s budget; rejects with the library's RateLimiterRes when over it. */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    try {
      return this.noted(await this.limiter.consume(key, points));
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) this.noted(refusal);
      throw refusal;
    }
  }

  /** `key`'s state now, or null when it has used nothing in this window. */
  async get(key: string): Promise<RateLimiterRes | null> {
    const state = await this.limiter.get(key);
    return state && this.noted(state);
  }

  private noted(state: RateLimiterRes): RateLimiterRes {
    if (!(state instanceof FallbackRes)) this.outage?.over();
    return state;
  }
}

/** Logs the first fallback of an outage, and its end, instead of a line per request. */
class OutageLog {
  private down = false;

  constructor(private readonly logger: Logger) {}

  started(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      { event: 'rate-limit.database-unreachable', err: error },
      'RATE_LIMIT_DATABASE_URL cannot be reached: this instance counts request rates and failed sign-ins on its own until it can',
    );
  }

  over(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(
      { event: 'rate-limit.database-back' },
      'RATE_LIMIT_DATABASE_URL reached again: request rates and failed sign-ins are shared again',
    );
  }
}

/** The schema and table of the shared counts, created by whichever instance comes first; retried while unreachable. */
class SharedTable {
  private ready = false;
  private retryAt = 0;

  constructor(
    private readonly pool: Pool,
    private readonly outage: OutageLog,
  ) {}

  async prepare(): Promise<void> {
    this.retryAt = Date.now() + 30_000;
    try {
      await this.create();
      this.ready = true;
    } catch (error) {
      this.outage.started(error);
    }
  }

  /** Called on each fallback: reports the outage and, at most every 30 s, tries to create the table again. */
  fellBack(): void {
    this.outage.started(new Error('the database did not answer'));
    if (this.ready || Date.now() < this.retryAt) return;
    void this.prepare();
  }

  private async create(): Promise<void> {
    // Two instances starting together may both try to create the schema: a lost race is a success.
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.${TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    ];
    for (const statement of statements) {
      await this.pool.query(statement).catch((error: { code?: string }) => {
        if (error.code !== '23505') throw error;
      });
    }
  }
}

/** Marks an answer of the per-process fallback, so an answer from the shared database again ends the outage. */
class FallbackRes extends RateLimiterRes {}

/** The insurance limiter: in this process's memory, used only while the database cannot be reached. */
class PerProcessFallback extends RateLimiterMemory {
  constructor(
    window: LimitWindow,
    private readonly onUse: () => void,
  ) {
    super(window);
  }

  override async consume(key: string | number, points?: number): Promise<RateLimiterRes> {
    this.onUse();
    try {
      return Object.assign(new FallbackRes(), await super.consume(key, points));
    } catch (refusal) {
      throw refusal instanceof RateLimiterRes ? Object.assign(new FallbackRes(), refusal) : refusal;
    }
  }

  override async get(key: string | number): Promise<RateLimiterRes | null> {
    this.onUse();
    const state = await super.get(key);
    return state && Object.assign(new FallbackRes(), state);
  }
}
