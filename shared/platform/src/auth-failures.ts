import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { LimiterStore, SharedLimiter } from './shared-limits';

export const authFailuresConfigSchema = z.object({
  /** Wrong or missing keys tolerated per client address, and per key prefix, in a minute; beyond, 429 for a minute. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

/** A client refused for failing to authenticate too often: when it may try again. */
export interface Throttled {
  retryAfterSeconds: number;
}

// Long enough to tell keys apart by, far too short to help guess the rest of one.
const PREFIX_LENGTH = 6;

/**
 * Counts failed authentications per client address and per key prefix (rate-limiter-flexible, in the
 * LimiterStore: shared by every gateway and notification instance when it has a database), so guessing keys
 * costs a minute per few tries whether it comes from one address or from many aiming at one key, and however
 * many replicas the guesses are spread over. A blocked address is refused before its key is looked at; a blocked prefix only turns
 * wrong keys' 401 into 429, so nobody can lock a key's holder out by guessing near it.
 */
export class AuthFailures {
  private readonly byAddress: SharedLimiter;
  private readonly byPrefix: SharedLimiter;

  constructor(store: LimiterStore, perMinute: number) {
    const options = { points: perMinute, duration: 60, blockDuration: 60 };
    this.byAddress = store.limiter({ ...options, keyPrefix: 'auth-address' });
    this.byPrefix = store.limiter({ ...options, keyPrefix: 'auth-prefix' });
  }

  /** Whether this address is blocked now; undefined when it may try. */
  async blocked(address: string): Promise<Throttled | undefined> {
    const state = await this.byAddress.get(address);
    return state && state.remainingPoints <= 0 ? throttled(state.msBeforeNext) : undefined;
  }

  /** Counts one failure; says when the client is blocked by it. */
  async failed(address: string, key: string | undefined): Promise<Throttled | undefined> {
    const counted = await Promise.allSettled([this.byAddress.consume(address), key ? this.byPrefix.consume(prefixOf(key)) : null]);
    const refusals = counted.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    for (const refusal of refusals) if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const over = refusals as RateLimiterRes[];
    return over.length === 0 ? undefined : throttled(Math.max(...over.map((state) => state.msBeforeNext)));
  }
}

const prefixOf = (key: string): string => key.slice(0, PREFIX_LENGTH);
const throttled = (ms: number): Throttled => ({ retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

/**
 * Proxies in front of a service whose X-Forwarded-For is believed (proxy-addr's "trust proxy" values: addresses,
 * CIDRs, or loopback, linklocal, uniquelocal), so throttling counts the real client; none by default.
 */
export const trustedProxiesConfigSchema = z.object({
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
});

/** The client's address: the peer's, or the nearest untrusted one in X-Forwarded-For when the peer is a trusted proxy. */
export function clientAddress(request: IncomingMessage, trustedProxies: readonly string[]): string {
  return proxyaddr(request, proxyaddr.compile([...trustedProxies]));
}
