import { expandHostlist } from '../../hostlist/hostlist.js';
import type { Job } from '../../model/job.js';
import { splitJobState } from './states.js';
import {
  count,
  memoryToMb,
  num,
  parseTres,
  str,
  time,
  tresGpus,
  gresGpus,
  type Raw,
} from './values.js';

const ACTIVE = new Set(['PENDING', 'RUNNING', 'SUSPENDED']);

/** Total memory in MB: from the TRES strings (whole job), else per node/cpu × count. */
function jobMemory(raw: Raw, nodeCount: number, cpus: number): number | null {
  for (const tres of [raw.tres_alloc_str, raw.tres_req_str]) {
    const mem = parseTres(tres).mem;
    if (mem !== undefined) {
      const mb = memoryToMb(mem);
      if (mb !== null) return mb;
    }
  }
  const perNode = count(raw.memory_per_node);
  if (perNode) return perNode * Math.max(1, nodeCount);
  const perCpu = count(raw.memory_per_cpu);
  if (perCpu) return perCpu * Math.max(1, cpus);
  return null;
}

function jobGpus(raw: Raw, nodeCount: number): number {
  const fromTres = tresGpus(raw.tres_alloc_str) || tresGpus(raw.tres_req_str);
  if (fromTres) return fromTres;
  const perNode = gresGpus(raw.tres_per_node);
  if (perNode) return perNode * Math.max(1, nodeCount);
  return gresGpus(raw.tres_per_job);
}

/**
 * The parts of a slurmctld job record that read the same in every generation (num() copes
 * with plain ints and {set, number} objects alike). Each family adds exit code, hold and
 * output paths, which differ.
 */
export function commonJob(
  raw: Raw,
  cluster: string,
): Omit<
  Job,
  'exitCode' | 'exitSignal' | 'held' | 'stdout' | 'stderr' | 'stdoutExpanded' | 'stderrExpanded'
> {
  const { state, flags } = splitJobState(raw.job_state);
  const nodeList = str(raw.nodes);
  const nodes = expandHostlist(nodeList);
  const nodeCount = count(raw.node_count) ?? nodes.length;
  const cpus = count(raw.cpus) ?? 0;
  const arrayJobId = count(raw.array_job_id);
  const pending = state === 'PENDING';
  return {
    cluster,
    id: String(num(raw.job_id) ?? raw.job_id),
    arrayJobId: arrayJobId ? String(arrayJobId) : null,
    arrayTaskId: count(raw.array_task_id),
    arrayTaskString: str(raw.array_task_string),
    name: str(raw.name) ?? '',
    user: str(raw.user_name) ?? String(num(raw.user_id) ?? ''),
    userId: num(raw.user_id),
    group: str(raw.group_name),
    account: str(raw.account),
    partition: str(raw.partition),
    qos: str(raw.qos),
    state,
    stateFlags: flags,
    reason: str(raw.state_reason),
    stateDescription: str(raw.state_description),
    priority: num(raw.priority),
    submitTime: time(raw.submit_time),
    eligibleTime: time(raw.eligible_time),
    startTime: pending ? null : time(raw.start_time),
    expectedStartTime: pending ? time(raw.start_time) : null,
    endTime: pending ? null : time(raw.end_time),
    timeLimit: num(raw.time_limit),
    nodes,
    nodeList,
    nodeCount,
    cpus,
    memoryMb: jobMemory(raw, nodeCount, cpus),
    memoryPerNodeMb: count(raw.memory_per_node) || null,
    memoryPerCpuMb: count(raw.memory_per_cpu) || null,
    gpus: jobGpus(raw, nodeCount),
    tresRequested: str(raw.tres_req_str),
    tresAllocated: str(raw.tres_alloc_str),
    workingDirectory: str(raw.current_working_directory),
    command: str(raw.command),
    dependency: str(raw.dependency),
    comment: str(raw.comment),
    restartCount: count(raw.restart_cnt) ?? 0,
    batchHost: str(raw.batch_host),
    features: str(raw.features),
    nice: num(raw.nice),
  };
}

/** Jobs that have finished carry an exit code; active ones do not. */
export function isFinished(state: string): boolean {
  return !ACTIVE.has(state);
}

/** Held: a pending job with priority 0 or a JobHeld* reason. */
export function isHeld(job: Pick<Job, 'state' | 'priority' | 'reason'>): boolean {
  return (
    job.state === 'PENDING' && (job.priority === 0 || (job.reason ?? '').startsWith('JobHeld'))
  );
}
