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

/**
 * A path that still holds Slurm's NO_VAL (v0.0.40-42 expand the pending array record's %a
 * to 4294967294) is no real path.
 */
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
  const stdout = expandedPath(raw.standard_output);
  const stderr = expandedPath(raw.standard_error);
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

/**
 * Item of GET jobs/state/: {job_id, state}. Array tasks come as "<job_id>_<task>" and
 * pending tasks of an array as "<array_job_id>_<task>": `id` is the part before "_".
 */
export function jobStateFromV0040(raw: Raw): JobStateEntry {
  const { state, flags } = splitJobState(raw.state ?? raw.job_state);
  const text = str(raw.job_id) ?? '';
  const task = /^(\d+)_(\d+)$/.exec(text);
  const arrayJobId = count(raw.array_job_id);
  return {
    id: task ? task[1] : text,
    arrayJobId: arrayJobId ? String(arrayJobId) : null,
    arrayTaskId: task ? Number(task[2]) : count(raw.array_task_id),
    arrayTaskString: str(raw.array_task_string),
    state,
    stateFlags: flags,
  };
}
