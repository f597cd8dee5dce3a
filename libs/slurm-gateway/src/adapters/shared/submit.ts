import type { JobUpdate, SubmitJobRequest, SubmitJobResult } from '../../model/requests.js';
import { SlurmError } from '../../slurm.error.js';
import { num, str, type Raw } from './values.js';

/** Fields every generation spells the same way in a job description. */
export function commonJobDescription(request: SubmitJobRequest): Record<string, unknown> {
  const desc: Record<string, unknown> = {
    name: request.name,
    partition: request.partition,
    account: request.account,
    qos: request.qos,
    tasks: request.tasks,
    cpus_per_task: request.cpusPerTask,
    minimum_cpus_per_node: request.cpusPerNode,
    current_working_directory: request.workingDirectory,
    standard_output: request.stdout,
    standard_error: request.stderr,
    dependency: request.dependency,
    comment: request.comment,
    hold: request.hold,
    nice: request.nice,
    constraints: request.constraints,
    array: request.array,
  };
  return withoutUndefined(desc);
}

/** Environment with PATH added when absent (sbatch would inherit one; REST does not). */
export function jobEnvironment(request: SubmitJobRequest): Record<string, string> {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', ...(request.environment ?? {}) };
}

/** Node count as Slurm's range string: "2" or "2-4". */
export function nodeRange(request: SubmitJobRequest): string | undefined {
  if (request.nodes === undefined && request.maxNodes === undefined) return undefined;
  const min = request.nodes ?? 1;
  return request.maxNodes !== undefined && request.maxNodes !== min
    ? `${min}-${request.maxNodes}`
    : String(min);
}

/** POST job/{id} fields (top level, no `job` wrapper, in every generation). */
export function jobUpdateFields(update: JobUpdate): Record<string, unknown> {
  return withoutUndefined({
    hold: update.hold,
    priority: update.priority,
    comment: update.comment,
    time_limit: update.timeLimit,
    name: update.name,
    partition: update.partition,
    qos: update.qos,
    account: update.account,
    nice: update.nice,
    dependency: update.dependency,
  });
}

export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** "TERM", "sigterm", "15" -> "SIGTERM" / "15" as slurmrestd's signal parameter wants. */
export function signalName(signal: string): string {
  const s = signal.trim().toUpperCase();
  if (/^\d+$/.test(s)) return s;
  return s.startsWith('SIG') ? s : `SIG${s}`;
}

/** {job_id, step_id} of a submit answer. */
export function submitResult(
  body: Raw | null,
  warnings: string[],
  cluster: string,
): SubmitJobResult {
  const jobId = num(body?.job_id);
  if (jobId === null || jobId === 0) {
    throw new SlurmError({
      kind: 'internal',
      message: 'slurmrestd accepted the job but returned no job id',
      cluster,
    });
  }
  const message = str(body?.job_submit_user_msg);
  return {
    jobId: String(jobId),
    stepId: str(body?.step_id)?.toLowerCase() ?? null,
    warnings: message ? [...warnings, message] : warnings,
  };
}
