import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { LuaScript } from '../redis/lua-script.js';
import type { CountedHits } from './hit-batcher.js';

/**
 * Atomically counts ARGV[2] hits and starts the window (ARGV[1] ms) with the first ones.
 * Returns the hit count and the milliseconds left in the window (re-arming a key that somehow
 * lost its TTL).
 */
const INCREMENT = new LuaScript(`
local n = tonumber(ARGV[2])
local hits = redis.call('INCRBY', KEYS[1], n)
if hits == n then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }
`);

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
    const { hits, msToExpire: timeToExpire } = await this.incrementBy(key, ttl, 1);
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }

  /** Counts `n` hits at once (`ttl`: the window in ms, started by the first hits). */
  async incrementBy(key: string, ttl: number, n: number): Promise<CountedHits> {
    const [hits, msToExpire] = (await INCREMENT.run(this.redis, [key], [ttl, n])) as [
      number,
      number,
    ];
    return { hits, msToExpire };
  }
}
