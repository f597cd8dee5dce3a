import { Injectable } from '@nestjs/common';
import { toIso } from '../common/format/index.js';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { AccountingReader, DAY_SECONDS } from './accounting.reader.js';
import { countByState, countedJobs, finishedCount } from './calc/job-counts.js';
import { nodeCounts, resourceTotals, utilizationPercent } from './calc/utilization.js';
import { formatWait, pendingWaitStats, throughputPerHour } from './calc/wait-time.js';
import type { ClusterStatsDto } from './dto/cluster-stats.dto.js';

/** GET /v1/metrics/cluster: live figures from the snapshots, the last day from accounting. */
@Injectable()
export class ClusterMetricsService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly state: ClusterStateService,
    private readonly accounting: AccountingReader,
  ) {}

  async clusterStats(clusterName?: string): Promise<ClusterStatsDto> {
    const cluster = this.clusters.resolve(clusterName);
    const jobSnapshot = this.state.jobs(cluster);
    const nodeSnapshot = this.state.nodes(cluster);
    await Promise.all([jobSnapshot.ready(), nodeSnapshot.ready()]);
    const now = Date.now() / 1000;
    const history = await this.accounting.lastDay(cluster, now);
    const nodes = nodeSnapshot.all();
    const jobs = jobSnapshot.all();

    const counted = countedJobs(jobs, history, now - DAY_SECONDS);
    const wait = pendingWaitStats(jobs, now);
    return {
      timestamp: toIso(now) ?? '',
      cluster,
      cluster_utilization: utilizationPercent(resourceTotals(nodes)),
      job_counts: countByState(counted.values()),
      node_counts: nodeCounts(nodes),
      queue_stats: {
        avg_wait_time: formatWait(wait.avgSeconds),
        max_wait_time: formatWait(wait.maxSeconds),
        throughput: throughputPerHour(finishedCount(counted.values()), DAY_SECONDS),
      },
      data_age_seconds: Math.max(jobSnapshot.ageSeconds(), nodeSnapshot.ageSeconds()),
    };
  }
}
