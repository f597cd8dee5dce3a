import type { Job, JobHistoryRecord } from '@app/slurm-gateway';
import { formatDuration, formatMemory, formatMinutes, toIso } from '../../common/format/index.js';
import { efficiency, hasEfficiency } from '../../metrics/calc/efficiency.js';
import type { JobDetailDto, JobDto, JobResourcesDto } from '../dto/job.dto.js';
import { resolveOutputPath } from '../output/output-path.js';
import { parseDependencies } from './dependencies.js';
import { isFinishedState } from './job-state.js';

/** A job from slurmctld or, once slurmctld forgot it, from accounting. */
export type AnyJob = Job | JobHistoryRecord;

/** Live jobs carry `stateFlags` and `batchHost`; accounting records carry `elapsed`. */
export function isLiveJob(job: AnyJob): job is Job {
  return 'batchHost' in job;
}

/** Seconds the job has run: to its end, or to `now` while it runs; null before it starts. */
function elapsedSeconds(job: AnyJob, now: number): number | null {
  if (!isLiveJob(job)) {
    return job.startTime === null ? null : job.elapsed;
  }
  if (job.startTime === null || job.startTime > now) {
    return null;
  }
  const end = isFinishedState(job.state) && job.endTime !== null ? job.endTime : now;
  return Math.max(0, end - job.startTime);
}

/** The spec's list item. `now` is epoch seconds. */
export function toJobDto(job: AnyJob, now: number): JobDto {
  const live = isLiveJob(job);
  const finished = isFinishedState(job.state);
  const paths = {
    ...job,
    batchHost: live ? job.batchHost : (job.nodes[0] ?? null),
  };
  return {
    job_id: job.id,
    job_name: job.name,
    user: job.user,
    account: job.account,
    partition: job.partition,
    state: job.state,
    submit_time: toIso(job.submitTime),
    start_time: toIso(job.startTime),
    end_time: finished ? toIso(job.endTime) : null,
    elapsed_time: formatDuration(elapsedSeconds(job, now)),
    time_limit: formatMinutes(job.timeLimit),
    nodes: job.nodes,
    node_count: live ? job.nodeCount : job.allocNodes,
    cpu_count: live ? job.cpus : job.allocCpus,
    memory: formatMemory(live ? job.memoryMb : job.reqMemMb),
    gpus: job.gpus,
    priority: job.priority,
    qos: job.qos,
    working_directory: job.workingDirectory,
    standard_output: resolveOutputPath(paths, 'output'),
    standard_error: resolveOutputPath(paths, 'error'),
    exit_code: finished ? job.exitCode : null,
    reason: job.reason,
  };
}

/** "127.5h": CPU seconds in hours, two decimals at most. */
export function formatCpuHours(seconds: number): string {
  return `${Math.round(seconds / 36) / 100}h`;
}

/** Efficiency figures from accounting; all null when accounting has no record yet. */
export function toResources(record: JobHistoryRecord | null): JobResourcesDto {
  if (record === null) {
    return {
      cpu_efficiency: null,
      memory_efficiency: null,
      gpu_utilization: null,
      max_memory_used: null,
      max_cpu_time: null,
    };
  }
  const figures = hasEfficiency(record) ? efficiency(record) : null;
  return {
    cpu_efficiency: figures?.cpuEfficiency ?? null,
    memory_efficiency: figures?.memoryEfficiency ?? null,
    gpu_utilization: null,
    max_memory_used: formatMemory(record.maxRssMb),
    max_cpu_time: record.startTime === null ? null : formatCpuHours(record.totalCpuSeconds),
  };
}

export interface DetailSources {
  /** The job as shown (live record when slurmctld still knows it). */
  job: AnyJob;
  /** Accounting's record, for resources and the submit line. */
  record: JobHistoryRecord | null;
  /** What this API recorded at submission, when the job came through it. */
  submission: { command: string | null; environment: Record<string, string> | null } | null;
  /** Whether the caller may see command and environment (owner, operator, admin). */
  revealPrivate: boolean;
  now: number;
}

/** The spec's detail shape. */
export function toJobDetailDto(sources: DetailSources): JobDetailDto {
  const { job, record, submission, revealPrivate, now } = sources;
  const live = isLiveJob(job);
  const command = submission?.command ?? (live ? job.command : null) ?? record?.submitLine ?? null;
  return {
    ...toJobDto(job, now),
    command: revealPrivate ? command : null,
    environment: revealPrivate ? (submission?.environment ?? null) : null,
    resources: toResources(record),
    dependencies: parseDependencies(live ? job.dependency : null),
    array_job_id: job.arrayJobId,
    array_task_id: job.arrayTaskId,
    source: live ? 'live' : 'accounting',
  };
}
