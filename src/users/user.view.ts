import type { Job, SlurmUser } from '@app/slurm-gateway';
import { formatCpuHours } from './cpu-time.js';
import type { AssociationDto, UserDto } from './dto/user.dto.js';

export interface JobCounts {
  running: number;
  pending: number;
}

/** User name → running/pending job counts, one pass over the job snapshot. */
export function jobCountsByUser(jobs: Iterable<Job>): Map<string, JobCounts> {
  const byUser = new Map<string, JobCounts>();
  for (const job of jobs) {
    if (job.state !== 'RUNNING' && job.state !== 'PENDING') continue;
    let counts = byUser.get(job.user);
    if (!counts) {
      counts = { running: 0, pending: 0 };
      byUser.set(job.user, counts);
    }
    if (job.state === 'RUNNING') counts.running += 1;
    else counts.pending += 1;
  }
  return byUser;
}

/** Associations sorted by account then partition, duplicates (same account/partition) merged. */
function toAssociations(user: SlurmUser): AssociationDto[] {
  const byKey = new Map<string, AssociationDto>();
  for (const a of user.associations) {
    const key = `${a.account}\u0000${a.partition ?? ''}`;
    const seen = byKey.get(key);
    if (seen) seen.qos = [...new Set([...seen.qos, ...a.qos])].sort();
    else byKey.set(key, { account: a.account, partition: a.partition, qos: [...a.qos].sort() });
  }
  return [...byKey.values()].sort(
    (x, y) =>
      x.account.localeCompare(y.account) || (x.partition ?? '').localeCompare(y.partition ?? ''),
  );
}

export function toUserView(
  user: SlurmUser,
  counts: JobCounts | undefined,
  cpuSeconds: number,
): UserDto {
  return {
    username: user.name,
    default_account: user.defaultAccount,
    admin_level: user.adminLevel,
    jobs_running: counts?.running ?? 0,
    jobs_pending: counts?.pending ?? 0,
    cpu_time_used: formatCpuHours(cpuSeconds),
    cpu_time_used_seconds: cpuSeconds,
    associations: toAssociations(user),
  };
}
