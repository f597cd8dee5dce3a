import { counterKey, decide, failOpen, rateLimitHeaders } from './rate-limit.math.js';

const NOW = 1_700_000_000_000;

describe('rate-limit arithmetic', () => {
  it('counts down the remaining budget and resets at the end of the window', () => {
    const d = decide(103, 1_800_500, 1000, 3600, NOW);
    expect(d).toMatchObject({ limit: 1000, remaining: 897, allowed: true, windowSeconds: 3600 });
    expect(d.resetAt).toBe(Math.ceil((NOW + 1_800_500) / 1000));
    expect(rateLimitHeaders(d)).toEqual({
      'X-RateLimit-Limit': '1000',
      'X-RateLimit-Remaining': '897',
      'X-RateLimit-Reset': String(d.resetAt),
      'X-RateLimit-Window': '3600',
    });
  });

  it('allows exactly `limit` requests; the next one is refused with Retry-After', () => {
    expect(decide(5, 10_000, 5, 60, NOW)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = decide(6, 10_200, 5, 60, NOW);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 11 });
    expect(rateLimitHeaders(refused)['Retry-After']).toBe('11');
  });

  it('never reports a negative remaining count, a past reset or a zero Retry-After', () => {
    const d = decide(50, -1, 5, 60, NOW);
    expect(d.remaining).toBe(0);
    expect(d.resetAt).toBe(NOW / 1000);
    expect(d.retryAfterSeconds).toBe(1);
    expect(decide(1, 999_999_999, 5, 60, NOW).resetAt).toBe(NOW / 1000 + 60);
  });

  it('fails open with the full budget when the store is down', () => {
    expect(failOpen(1000, 3600, NOW)).toMatchObject({ allowed: true, remaining: 1000 });
  });

  it('derives one key per subject and window length, shared by every process', () => {
    expect(counterKey('client:abc', 3600)).toBe('s9s:ratelimit:3600:client:abc');
    expect(counterKey('ip:127.0.0.1', 60)).not.toBe(counterKey('ip:127.0.0.1', 3600));
  });
});
