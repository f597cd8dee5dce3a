import { Injectable } from '@nestjs/common';
import {
  isSlurmError,
  SlurmGateway,
  type JobHistoryQuery,
  type JobHistoryRecord,
} from '@app/slurm-gateway';
import { AppConfig } from '../config/index.js';

export const DAY_SECONDS = 86_400;

interface CachedWindow {
  /** Epoch ms the records were read. */
  at: number;
  records: Promise<JobHistoryRecord[]>;
}

/**
 * The metrics module's reads of Slurm accounting. A cluster without accounting has no
 * history (empty lists). The last-24-hours read behind /v1/metrics/cluster is shared by
 * concurrent requests and reused for METRICS_CLUSTER_CACHE_MS, so dashboards polling the
 * cluster figures do not each query slurmdbd.
 */
@Injectable()
export class AccountingReader {
  private readonly recent = new Map<string, CachedWindow>();

  constructor(
    private readonly gateway: SlurmGateway,
    private readonly config: AppConfig,
  ) {}

  async history(cluster: string, query: JobHistoryQuery): Promise<JobHistoryRecord[]> {
    const client = this.gateway.client(cluster);
    const info = await client.info();
    if (!info.capabilities.accounting) return [];
    try {
      return await client.listJobHistory(query);
    } catch (error) {
      // slurmdbd 22.05 answers an empty window with error 9003 "Nothing found".
      if (isSlurmError(error) && error.kind === 'not_found') return [];
      throw error;
    }
  }

  /** Accounting records of the last 24 hours (up to `nowSeconds`), possibly a few seconds old. */
  lastDay(cluster: string, nowSeconds: number): Promise<JobHistoryRecord[]> {
    const ttl = this.config.metrics.clusterCacheMs;
    const cached = this.recent.get(cluster);
    if (cached && Date.now() - cached.at < ttl) return cached.records;
    const records = this.history(cluster, {
      startTime: Math.floor(nowSeconds) - DAY_SECONDS,
      endTime: Math.ceil(nowSeconds),
    });
    const entry = { at: Date.now(), records };
    this.recent.set(cluster, entry);
    // A failed read must not be reused.
    records.catch(() => {
      if (this.recent.get(cluster) === entry) this.recent.delete(cluster);
    });
    return records;
  }
}
