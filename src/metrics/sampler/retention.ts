import type { EntityManager } from 'typeorm';
import { downsampleHourly, mergeWeighted } from '../calc/buckets.js';
import { MetricSample } from '../metric-sample.entity.js';
import { toSampleRow, toWeightedSample } from '../metric-sample.mapper.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DELETE_BATCH = 1000;

export interface RetentionPolicy {
  rawRetentionDays: number;
  hourlyRetentionDays: number;
}

export interface RetentionResult {
  rawFolded: number;
  hourlyWritten: number;
  hourlyDeleted: number;
}

/**
 * Folds raw samples older than the raw retention (whole hours only) into hourly rows, merged
 * with an hourly row already there, then deletes those raw rows and hourly rows past their
 * own retention. Run inside one transaction so a reader never sees an hour twice or not at all.
 */
export async function applyRetention(
  em: EntityManager,
  cluster: string,
  policy: RetentionPolicy,
  sampledBy: string,
  nowMs = Date.now(),
): Promise<RetentionResult> {
  const repo = em.getRepository(MetricSample);
  const rawCutoff = new Date(
    Math.floor((nowMs - policy.rawRetentionDays * DAY_MS) / HOUR_MS) * HOUR_MS,
  );
  const hourlyCutoff = new Date(nowMs - policy.hourlyRetentionDays * DAY_MS);
  const old = await repo
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.cluster = :cluster AND s.resolution = :raw AND s.ts < :cutoff', {
      cluster,
      raw: 'raw',
      cutoff: rawCutoff,
    })
    .getMany();
  let hourlyWritten = 0;
  if (old.length > 0) {
    const hours = downsampleHourly(old.map(toWeightedSample));
    const existing = await repo
      .createQueryBuilder('s')
      .where('s.cluster = :cluster AND s.resolution = :hour AND s.ts IN (:...ts)', {
        cluster,
        hour: 'hour',
        ts: hours.map((h) => new Date(h.ts * 1000)),
      })
      .getMany();
    const byTs = new Map(existing.map((row) => [Math.floor(row.ts.getTime() / 1000), row]));
    for (const hour of hours) {
      const prior = byTs.get(hour.ts);
      const merged = prior ? mergeWeighted(hour.ts, [toWeightedSample(prior), hour]) : hour;
      if (prior)
        await repo.update({ id: prior.id }, toSampleRow(cluster, 'hour', merged, sampledBy));
      else await repo.insert(toSampleRow(cluster, 'hour', merged, sampledBy));
      hourlyWritten++;
    }
    // Exactly the rows folded: a row committed meanwhile is left for the next run.
    const ids = old.map((row) => row.id);
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      await repo.delete(ids.slice(i, i + DELETE_BATCH));
    }
  }
  const deleted = await repo
    .createQueryBuilder()
    .delete()
    .where('cluster = :cluster AND resolution = :hour AND ts < :cutoff', {
      cluster,
      hour: 'hour',
      cutoff: hourlyCutoff,
    })
    .execute();
  return { rawFolded: old.length, hourlyWritten, hourlyDeleted: deleted.affected ?? 0 };
}
