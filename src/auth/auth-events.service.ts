import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisService } from '../redis/redis.service.js';

export const AUTH_INVALIDATE_CHANNEL = 's9s:auth:invalidate';

/**
 * Tells every API process that principals or credentials changed (disabled, revoked, role or
 * scopes edited) so their caches drop what they hold instead of waiting for the TTL.
 */
@Injectable()
export class AuthEventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuthEventsService.name);
  private readonly listeners: (() => void)[] = [];
  private subscriber: Redis | undefined;

  constructor(private readonly redis: RedisService) {}

  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (channel: string) => {
      if (channel === AUTH_INVALIDATE_CHANNEL) this.fire();
    });
    await this.subscriber.subscribe(AUTH_INVALIDATE_CHANNEL);
  }

  /** Clears this process's caches now and every other process's through Redis. */
  async invalidate(): Promise<void> {
    this.fire();
    try {
      await this.redis.redis.publish(AUTH_INVALIDATE_CHANNEL, String(Date.now()));
    } catch (error: unknown) {
      this.logger.warn(
        `could not publish the invalidation (other processes catch up within their cache TTL): ${String(error)}`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.unsubscribe().catch(() => undefined);
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}
