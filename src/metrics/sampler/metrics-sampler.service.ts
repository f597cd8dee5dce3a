import { hostname } from 'node:os';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlurmGateway } from '@app/slurm-gateway';
import type { DataSource } from 'typeorm';
import { ClusterStateService } from '../../cluster-state/index.js';
import { AppConfig } from '../../config/index.js';
import { MetricSample } from '../metric-sample.entity.js';
import { toSampleRow } from '../metric-sample.mapper.js';
import { applyRetention } from './retention.js';
import { delayToNextSlot, sampleFigures, sampleSlot } from './sample-figures.js';
import { SamplerLock } from './sampler-lock.js';

/** A snapshot older than this is not recorded: the sample would describe the past as now. */
const MAX_SNAPSHOT_AGE_SECONDS = 120;

/**
 * Records each cluster's utilization every METRICS_SAMPLE_INTERVAL_MS into metric_samples,
 * at instants aligned on the interval. Every API process runs this loop, but only the holder
 * of a cluster's advisory lock samples it (and runs its retention); when that process dies,
 * another takes the lock at its next tick.
 */
@Injectable()
export class MetricsSampler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MetricsSampler');
  private readonly lock: SamplerLock;
  private readonly lastRetention = new Map<string, number>();
  private readonly instance = `${hostname()}:${process.pid}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: SlurmGateway,
    private readonly state: ClusterStateService,
    private readonly config: AppConfig,
  ) {
    this.lock = new SamplerLock(dataSource, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.metrics.samplerEnabled) this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.lock.releaseAll();
  }

  /** Clusters this process samples right now. */
  sampledClusters(): string[] {
    return this.gateway.clusterNames().filter((c) => this.lock.isHeld(c));
  }

  private schedule(): void {
    if (this.stopped) return;
    const interval = this.config.metrics.sampleIntervalMs;
    this.timer = setTimeout(
      () => {
        this.running = this.tick().finally(() => {
          this.running = null;
          this.schedule();
        });
      },
      delayToNextSlot(Date.now(), interval),
    );
  }

  private async tick(): Promise<void> {
    const slot = sampleSlot(Date.now(), this.config.metrics.sampleIntervalMs);
    for (const cluster of this.gateway.clusterNames()) {
      if (this.stopped || !(await this.lock.hold(cluster))) continue;
      try {
        await this.sample(cluster, slot);
        await this.retentionIfDue(cluster);
      } catch (error) {
        this.logger.warn(`metrics sampler: cluster ${cluster}: ${String(error)}`);
      }
    }
  }

  private async sample(cluster: string, slotMs: number): Promise<void> {
    const nodes = this.state.nodes(cluster);
    const jobs = this.state.jobs(cluster);
    const age = Math.max(nodes.ageSeconds(), jobs.ageSeconds());
    if (age > MAX_SNAPSHOT_AGE_SECONDS) return;
    const figures = sampleFigures(nodes.all(), jobs.all(), slotMs / 1000);
    const row = toSampleRow(
      cluster,
      'raw',
      { ts: slotMs / 1000, sampleCount: 1, ...figures },
      this.instance,
    );
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MetricSample)
      .values(row)
      .orIgnore()
      .execute();
  }

  private async retentionIfDue(cluster: string): Promise<void> {
    const { rawRetentionDays, hourlyRetentionDays, retentionIntervalMs } = this.config.metrics;
    const last = this.lastRetention.get(cluster);
    if (last !== undefined && Date.now() - last < retentionIntervalMs) return;
    this.lastRetention.set(cluster, Date.now());
    const result = await this.dataSource.transaction((em) =>
      applyRetention(em, cluster, { rawRetentionDays, hourlyRetentionDays }, this.instance),
    );
    if (result.rawFolded > 0 || result.hourlyDeleted > 0) {
      this.logger.log(
        `metrics retention ${cluster}: ${result.rawFolded} raw samples folded into ` +
          `${result.hourlyWritten} hourly rows, ${result.hourlyDeleted} hourly rows expired`,
      );
    }
  }
}
