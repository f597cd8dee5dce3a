import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

/**
 * Atomically counts one hit and starts the window on the first one. Returns the hit count and
 * the milliseconds left in the window (re-arming a key that somehow lost its TTL).
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }
`;

/**
 * @nestjs/throttler's storage contract backed by Redis, so every API process counts against
 * one budget. Only the type is taken from the throttler package (it is CommonJS and cannot be
 * loaded by the unit test runner); the counting itself is the Lua script above.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly redis: Redis) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    _throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const [hits, timeToExpire] = (await this.redis.eval(INCREMENT_SCRIPT, 1, key, ttl)) as [
      number,
      number,
    ];
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }
}
