import type { LimiterStore, SharedLimiter } from '@docpipe/platform';
import { RateLimiterRes } from 'rate-limiter-flexible';

/** A request refused for going over the rate: when the caller may try again. */
export interface RateLimited {
  retryAfterSeconds: number;
}

/**
 * Requests per minute per key (rate-limiter-flexible, fixed one-minute windows) in the LimiterStore: with
 * RATE_LIMIT_DATABASE_URL every gateway instance takes from one budget per key, else each counts on its own.
 */
export class RequestRate {
  private readonly limiter: SharedLimiter;

  constructor(store: LimiterStore, perMinute: number) {
    this.limiter = store.limiter({ points: perMinute, duration: 60, keyPrefix: 'requests' });
  }

  /** Takes one request from `key`'s budget; undefined when allowed. */
  async take(key: string): Promise<RateLimited | undefined> {
    try {
      await this.limiter.consume(key);
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }
}
