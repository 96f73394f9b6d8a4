import { RateLimiter } from '../src/security/rate-limiter';

describe('the rate limiter', () => {
  it('allows a minute’s worth of requests at once, then refuses with the seconds until the next one', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([undefined, undefined, undefined]);
    expect(limiter.take('k')).toEqual({ retryAfterSeconds: 20 });
    now = 19_000;
    expect(limiter.take('k')).toEqual({ retryAfterSeconds: 1 });
    now = 20_000;
    expect(limiter.take('k')).toBeUndefined();
  });

  it('counts each key on its own and never refills beyond a minute’s worth', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toBeDefined();
    expect(limiter.take('b')).toBeUndefined();
    now = 10 * 60_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map(Boolean)).toEqual([false, false, true]);
  });
});
