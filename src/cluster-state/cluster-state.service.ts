import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SlurmGateway } from '@app/slurm-gateway';
import type { Redis } from 'ioredis';
import { ApiError } from '../common/errors/index.js';
import { AppConfig } from '../config/index.js';
import { RedisService } from '../redis/redis.service.js';
import type { SnapshotListener } from './cluster-state.types.js';
import { ClusterRuntime, type ClusterStateStats } from './cluster-runtime.js';
import { RedisLockStore, RedisSnapshotStore } from './redis-snapshot-store.js';
import type { JobSnapshot, NodeSnapshot } from './snapshot.js';
import { CountingSlurmSource, SlurmCallCounter } from './slurm-source.js';

/**
 * Per-cluster snapshots of live jobs and nodes, shared by every API and worker process
 * through Redis and refreshed by one elected poller per cluster. Reads never reach Slurm.
 */
@Injectable()
export class ClusterStateService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ClusterState');
  private readonly runtimes = new Map<string, ClusterRuntime>();
  private readonly byChannel = new Map<string, ClusterRuntime>();
  private subscriber: Redis | null = null;
  /** Unique per process: the leader lock's owner and the source of change notices. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    gateway: SlurmGateway,
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    const lockStore = new RedisLockStore(redis.redis);
    for (const cluster of gateway.clusterNames()) {
      const store = new RedisSnapshotStore(redis.redis, config.clusterState.redisPrefix, cluster);
      const runtime = new ClusterRuntime({
        cluster,
        source: new CountingSlurmSource(() => gateway.client(cluster), new SlurmCallCounter()),
        store,
        lockStore,
        lockKey: store.keys.lock,
        owner: this.instanceId,
        config: config.clusterState,
        logger: this.logger,
      });
      this.runtimes.set(cluster, runtime);
      this.byChannel.set(store.keys.channel, runtime);
    }
  }

  /** Starts in the background: the application must come up even when Slurm or Redis is down. */
  onApplicationBootstrap(): void {
    void this.startAll();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((runtime) => runtime.stop()));
    await this.subscriber?.unsubscribe().catch(() => undefined);
  }

  /** The live jobs of `cluster` (a configured cluster name, see ClustersService.resolve). */
  jobs(cluster: string): JobSnapshot {
    return this.runtime(cluster).jobs;
  }

  nodes(cluster: string): NodeSnapshot {
    return this.runtime(cluster).nodes;
  }

  /** Calls `listener` after every job or node change in `cluster`. Returns an unsubscribe. */
  onChange(cluster: string, listener: SnapshotListener): () => void {
    const runtime = this.runtime(cluster);
    const offJobs = runtime.jobs.onChange(listener);
    const offNodes = runtime.nodes.onChange(listener);
    return () => {
      offJobs();
      offNodes();
    };
  }

  /** Whether this process polls `cluster` right now. */
  isLeader(cluster: string): boolean {
    return this.runtime(cluster).isLeader;
  }

  /** Counters per cluster: snapshot sizes and ages, polls, slurmrestd calls by kind. */
  stats(): ClusterStateStats[] {
    return [...this.runtimes.values()].map((runtime) => runtime.stats());
  }

  private runtime(cluster: string): ClusterRuntime {
    const runtime = this.runtimes.get(cluster);
    if (!runtime) throw ApiError.validation('cluster', `unknown cluster "${cluster}"`);
    return runtime;
  }

  private async startAll(): Promise<void> {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      this.byChannel.get(channel)?.receive(message);
    });
    let connectedBefore = false;
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself; notices sent while disconnected are lost: reload.
      if (connectedBefore) for (const runtime of this.runtimes.values()) runtime.resync();
      connectedBefore = true;
    });
    try {
      await subscriber.subscribe(...this.byChannel.keys());
    } catch (error) {
      this.logger.warn(`cluster-state: subscribing to change notices failed: ${String(error)}`);
    }
    await Promise.all([...this.runtimes.values()].map((runtime) => runtime.start()));
  }
}
