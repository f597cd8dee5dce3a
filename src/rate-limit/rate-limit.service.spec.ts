import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/index.js';
import type { RedisService } from '../redis/redis.service.js';
import { RateLimitService } from './rate-limit.service.js';

const config = {
  rateLimit: {
    windowSeconds: 60,
    anonymousLimit: 5,
    freeLimit: 1000,
    proLimit: 10_000,
    enterpriseDefaultLimit: 100_000,
  },
} as unknown as AppConfig;

/** A Redis stand-in whose EVALSHA answers like the Lua script, or fails like a dead server. */
function redisWith(evalImpl: () => Promise<unknown>): RedisService {
  const client = { evalsha: evalImpl, on: () => client, quit: () => Promise.resolve('OK') };
  return { redis: { duplicate: () => client } } as unknown as RedisService;
}

describe('RateLimitService', () => {
  it('turns the counter into a decision', async () => {
    const service = new RateLimitService(
      config,
      redisWith(() => Promise.resolve([3, 30_000])),
    );
    expect(await service.consume('client:x', 5)).toMatchObject({
      allowed: true,
      remaining: 2,
      limit: 5,
      windowSeconds: 60,
    });
  });

  it('refuses past the limit', async () => {
    const service = new RateLimitService(
      config,
      redisWith(() => Promise.resolve([6, 30_000])),
    );
    expect(await service.consume('client:x', 5)).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 30,
    });
  });

  it('fails open, and logs it once a minute, when Redis is unreachable', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const service = new RateLimitService(
      config,
      redisWith(() =>
        Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
      ),
    );
    expect(await service.consume('ip:1.2.3.4', 5)).toMatchObject({ allowed: true, remaining: 5 });
    expect(await service.consume('ip:1.2.3.4', 5)).toMatchObject({ allowed: true });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][0])).toContain('failing open');
    errors.mockRestore();
  });

  it('fails open when Redis does not answer in time', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const service = new RateLimitService(
      config,
      redisWith(() => new Promise(() => undefined)),
    );
    const started = Date.now();
    expect(await service.consume('client:x', 5)).toMatchObject({ allowed: true, remaining: 5 });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
