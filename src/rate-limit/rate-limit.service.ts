import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { withTimeout } from '../common/async/with-timeout.js';
import { AppConfig } from '../config/index.js';
import { RedisService } from '../redis/redis.service.js';
import { HitBatcher } from './hit-batcher.js';
import { counterKey, decide, failOpen, type RateLimitDecision } from './rate-limit.math.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const STORE_TIMEOUT_MS = 1000;
const FAILURE_LOG_EVERY_MS = 60_000;

/**
 * Counts requests per subject (`client:<id>` or `ip:<address>`) in Redis, so every API process
 * shares one budget. When Redis is unreachable requests pass (fail open) and that is logged,
 * at most once a minute: an outage of the counter store must not become an outage of the API.
 * Requests of one subject arriving together are counted with one Redis call (HitBatcher), each
 * still getting its own exact count.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitService.name);
  /** Own connection without offline queue: while Redis is down commands fail at once. */
  private readonly client: Redis;
  private readonly hits: HitBatcher;
  private lastFailureLog = 0;

  constructor(
    private readonly config: AppConfig,
    redis: RedisService,
  ) {
    // Auto-pipelining: the counts of requests arriving together go out in one write.
    this.client = redis.redis.duplicate({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      enableAutoPipelining: true,
    });
    this.client.on('error', () => undefined); // reported through failed commands below
    const storage = new RedisThrottlerStorage(this.client);
    this.hits = new HitBatcher((key, n) =>
      withTimeout(
        storage.incrementBy(key, this.config.rateLimit.windowSeconds * 1000, n),
        STORE_TIMEOUT_MS,
        'the Redis counter store',
      ),
    );
  }

  get anonymousLimit(): number {
    return this.config.rateLimit.anonymousLimit;
  }

  async consume(subject: string, limit: number): Promise<RateLimitDecision> {
    const { windowSeconds } = this.config.rateLimit;
    try {
      const { hits, msToExpire } = await this.hits.hit(counterKey(subject, windowSeconds));
      return decide(hits, msToExpire, limit, windowSeconds, Date.now());
    } catch (error: unknown) {
      this.reportFailure(error);
      return failOpen(limit, windowSeconds, Date.now());
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private reportFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_EVERY_MS) return;
    this.lastFailureLog = now;
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `rate limiting disabled (failing open): Redis counter store unavailable: ${message}`,
    );
  }
}
