import { Injectable } from '@nestjs/common';
import { SlurmGateway } from '@app/slurm-gateway';
import { withTimeout } from '../common/async/with-timeout.js';
import { nowIso } from '../common/format/index.js';
import { appVersion } from '../config/app-info.js';
import { DatabaseHealth } from '../database/database.health.js';
import { RedisService } from '../redis/redis.service.js';
import type { ClusterStatusDto, ComponentStatusDto, StatusDto } from './dto/status.dto.js';

const CLUSTER_TIMEOUT_MS = 5000;
const COMPONENT_TIMEOUT_MS = 3000;
/** Anonymous callers may poll /status; answers are reused this long to spare slurmrestd. */
const CACHE_MS = 2000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

@Injectable()
export class StatusService {
  private cached?: { at: number; status: Promise<StatusDto> };

  constructor(
    private readonly gateway: SlurmGateway,
    private readonly database: DatabaseHealth,
    private readonly redis: RedisService,
  ) {}

  /** Health of every cluster, Postgres and Redis (single-flight, cached for 2 s). */
  status(): Promise<StatusDto> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.status;
    const status = this.collect();
    this.cached = { at: now, status };
    return status;
  }

  private async collect(): Promise<StatusDto> {
    const [clusters, database, redis] = await Promise.all([
      Promise.all(this.gateway.clusterNames().map((name) => this.cluster(name))),
      this.component(() => this.database.check(), 'database'),
      this.component(() => this.redis.ping(), 'redis'),
    ]);
    const down = [
      ...clusters.filter((c) => !c.reachable).map((c) => `cluster:${c.name}`),
      ...(database.status === 'down' ? ['database'] : []),
      ...(redis.status === 'down' ? ['redis'] : []),
    ];
    return {
      status: down.length === 0 ? 'ok' : 'degraded',
      version: appVersion(),
      timestamp: nowIso(),
      clusters,
      database,
      redis,
      down,
    };
  }

  private async cluster(name: string): Promise<ClusterStatusDto> {
    try {
      const client = this.gateway.client(name);
      const check = async () => {
        await client.ping();
        return client.info();
      };
      const info = await withTimeout(check(), CLUSTER_TIMEOUT_MS, `Slurm cluster ${name}`);
      return {
        name,
        reachable: true,
        slurm_version: info.slurmVersion,
        api_version: info.apiVersion,
      };
    } catch (error) {
      return {
        name,
        reachable: false,
        slurm_version: null,
        api_version: null,
        error: `Slurm cluster ${name}: ${messageOf(error)}`,
      };
    }
  }

  private async component(check: () => Promise<void>, what: string): Promise<ComponentStatusDto> {
    try {
      await withTimeout(check(), COMPONENT_TIMEOUT_MS, what);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: messageOf(error) };
    }
  }
}
