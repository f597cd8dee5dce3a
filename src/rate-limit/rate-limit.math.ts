/** Outcome of counting one request against a fixed window. */
export interface RateLimitDecision {
  limit: number;
  remaining: number;
  /** Epoch seconds when the current window ends. */
  resetAt: number;
  windowSeconds: number;
  allowed: boolean;
  /** Seconds to wait before retrying (only meaningful when not allowed). */
  retryAfterSeconds: number;
}

/**
 * @param hits requests counted in the current window, this one included
 * @param msToExpire time left in the window as reported by the store
 */
export function decide(
  hits: number,
  msToExpire: number,
  limit: number,
  windowSeconds: number,
  nowMs: number,
): RateLimitDecision {
  const leftMs = Math.min(Math.max(msToExpire, 0), windowSeconds * 1000);
  return {
    limit,
    remaining: Math.max(0, limit - hits),
    resetAt: Math.ceil((nowMs + leftMs) / 1000),
    windowSeconds,
    allowed: hits <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)),
  };
}

/** The decision when the counter store is unreachable: let the request through, say so nowhere. */
export function failOpen(limit: number, windowSeconds: number, nowMs: number): RateLimitDecision {
  return decide(0, windowSeconds * 1000, limit, windowSeconds, nowMs);
}

export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(d.resetAt),
    'X-RateLimit-Window': String(d.windowSeconds),
  };
  if (!d.allowed) headers['Retry-After'] = String(d.retryAfterSeconds);
  return headers;
}

/**
 * Counter key of a subject. The window starts at the subject's first request (Redis INCR then
 * PEXPIRE), so every process shares one counter; the window length is part of the key so a
 * configuration change never reuses a counter with another TTL.
 */
export function counterKey(subject: string, windowSeconds: number): string {
  return `s9s:ratelimit:${windowSeconds}:${subject}`;
}
