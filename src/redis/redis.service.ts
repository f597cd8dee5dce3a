import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/index.js';

/** The process's shared Redis connection, and dedicated ones for blocking/pub-sub use. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  /** Shared client for ordinary commands (never use it for SUBSCRIBE or blocking calls). */
  readonly redis: Redis;
  private readonly extra: Redis[] = [];

  constructor(config: AppConfig) {
    this.redis = this.watch(new Redis(config.redis.url, { maxRetriesPerRequest: 2 }), 'shared');
  }

  /** A new connection with the same settings (for subscribers or blocking commands). */
  duplicate(): Redis {
    const client = this.watch(this.redis.duplicate(), 'duplicate');
    this.extra.push(client);
    return client;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.redis, ...this.extra].map((client) => client.quit().catch(() => client.disconnect())),
    );
  }

  private watch(client: Redis, role: string): Redis {
    let lastError = '';
    client.on('error', (error: Error) => {
      // ioredis reconnects by itself; log each distinct failure once instead of every retry.
      if (error.message !== lastError) this.logger.warn(`Redis (${role}): ${error.message}`);
      lastError = error.message;
    });
    client.on('ready', () => {
      lastError = '';
    });
    return client;
  }
}
