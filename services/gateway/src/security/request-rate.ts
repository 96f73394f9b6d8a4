import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@docpipe/platform';
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A request refused for going over the rate: when the caller may try again. */
export interface RateLimited {
  retryAfterSeconds: number;
}

export interface RequestRateOptions {
  perMinute: number;
  /** PostgreSQL shared by every gateway instance; without it each instance counts on its own. */
  databaseUrl?: string;
}

// The gateway's own schema on that server: nothing else reads or writes it.
const SCHEMA = 'rate_limits';
const TABLE = 'requests';
// A database that does not answer within this falls back to counting per process rather than holding requests.
const DATABASE_TIMEOUT_MS = 1_000;

/**
 * Requests per minute per key (rate-limiter-flexible, fixed one-minute windows). With a database, every
 * gateway instance takes from one budget per key; when that database cannot be reached, each instance counts
 * on its own (the library's insurance limiter) until it can again, and says so once per outage.
 */
export class RequestRate implements OnApplicationShutdown {
  private constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly pool?: Pool,
    private readonly outage?: OutageLog,
  ) {}

  static async open(options: RequestRateOptions, logger: Logger): Promise<RequestRate> {
    const window = { points: options.perMinute, duration: 60, keyPrefix: 'requests' };
    if (!options.databaseUrl) return new RequestRate(new RateLimiterMemory(window));
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: 4,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      query_timeout: DATABASE_TIMEOUT_MS,
    });
    // An idle client losing its server is an outage the next request meets; without a listener it would crash the process.
    pool.on('error', () => undefined);
    const outage = new OutageLog(logger);
    const table = new SharedTable(pool, outage);
    await table.prepare();
    const limiter = new RateLimiterPostgres({
      ...window,
      storeClient: pool,
      storeType: 'pool',
      schemaName: SCHEMA,
      tableName: TABLE,
      tableCreated: true,
      insuranceLimiter: new PerProcessFallback(window, () => table.fellBack()),
    });
    return new RequestRate(limiter, pool, outage);
  }

  /** Takes one request from `key`'s budget; undefined when allowed. */
  async take(key: string): Promise<RateLimited | undefined> {
    try {
      const taken = await this.limiter.consume(key);
      if (!(taken instanceof FallbackRes)) this.outage?.over();
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }

  /** After the HTTP server stopped, so no request meets a closed pool. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
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
      'RATE_LIMIT_DATABASE_URL cannot be reached: each gateway instance counts request rates on its own until it can',
    );
  }

  over(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info({ event: 'rate-limit.database-back' }, 'RATE_LIMIT_DATABASE_URL reached again: request rates are shared again');
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

/** Marks an answer of the per-process fallback, so taking from the shared budget again ends the outage. */
class FallbackRes extends RateLimiterRes {}

/** The insurance limiter: in this process's memory, used only while the database cannot be reached. */
class PerProcessFallback extends RateLimiterMemory {
  constructor(
    window: { points: number; duration: number; keyPrefix: string },
    private readonly onUse: () => void,
  ) {
    super(window);
  }

  override async consume(key: string | number, points?: number): Promise<RateLimiterRes> {
    this.onUse();
    const taken = await super.consume(key, points);
    return Object.assign(new FallbackRes(), taken);
  }
}
