import type { Job, JobStateEntry } from '../../model/job.js';
import { commonJob, isFinished, isHeld } from '../shared/job-common.js';
import { splitJobState } from '../shared/states.js';
import { count, num, obj, str, type Raw } from '../shared/values.js';

/** {status:[...], return_code:{number}, signal:{id:{number}}} -> code and signal. */
export function exitFromV0040(value: unknown): { code: number | null; signal: number | null } {
  const exit = obj(value);
  const signal = num(obj(exit.signal).id);
  return { code: num(exit.return_code), signal: signal === 0 ? null : signal };
}

/** A path that still holds Slurm's NO_VAL (the pending array record's %a) is no real path. */
function expandedPath(value: unknown): string | null {
  const path = str(value);
  return path !== null && path.includes('4294967294') ? null : path;
}

/**
 * v0.0.40+ job record -> Job. v0.0.40-42 send expanded output paths in
 * standard_output/_error; v0.0.43+ send the raw pattern there and add stdout_expanded.
 */
export function jobFromV0040(raw: Raw, cluster: string): Job {
  const base = commonJob(raw, cluster);
  const exit = exitFromV0040(raw.exit_code);
  const finished = isFinished(base.state);
  const hasExpanded = 'stdout_expanded' in raw;
  const stdout = str(raw.standard_output);
  const stderr = str(raw.standard_error);
  return {
    ...base,
    held: typeof raw.hold === 'boolean' ? raw.hold && base.state === 'PENDING' : isHeld(base),
    exitCode: finished ? exit.code : null,
    exitSignal: finished ? exit.signal : null,
    stdout,
    stderr,
    stdoutExpanded: hasExpanded ? expandedPath(raw.stdout_expanded) : expandedPath(stdout),
    stderrExpanded: hasExpanded ? expandedPath(raw.stderr_expanded) : expandedPath(stderr),
  };
}

/** Item of GET jobs/state/: {job_id, array_job_id, array_task_id, array_task_string, state}. */
export function jobStateFromV0040(raw: Raw): JobStateEntry {
  const { state, flags } = splitJobState(raw.state ?? raw.job_state);
  const arrayJobId = count(raw.array_job_id);
  return {
    id: String(num(raw.job_id) ?? raw.job_id),
    arrayJobId: arrayJobId ? String(arrayJobId) : null,
    arrayTaskId: count(raw.array_task_id),
    arrayTaskString: str(raw.array_task_string),
    state,
    stateFlags: flags,
  };
}
