import { expandHostlist } from '../../hostlist/hostlist.js';
import type { JobHistoryRecord } from '../../model/job-history.js';
import { splitJobState } from './states.js';
import { count, num, obj, str, time, type Raw } from './values.js';

const MB = 1024 * 1024;

interface Tres {
  type: string;
  name: string | null;
  count: number | null;
}

function tresList(value: unknown): Tres[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const t = obj(item);
    return { type: str(t.type) ?? '', name: str(t.name), count: num(t.count) };
  });
}

function tresCount(value: unknown, type: string, name: string | null = null): number | null {
  const hits = tresList(value).filter((t) => t.type === type && (name === null || t.name === name));
  if (hits.length === 0) return null;
  return hits.reduce((sum, t) => sum + Math.max(0, t.count ?? 0), 0);
}

/** {seconds, microseconds} -> seconds. */
function seconds(value: unknown): number {
  const t = obj(value);
  return (num(t.seconds) ?? 0) + (num(t.microseconds) ?? 0) / 1e6;
}

function stepUsage(steps: Raw[]): { maxRss: number | null; user: number; system: number } {
  let maxRss: number | null = null;
  let user = 0;
  let system = 0;
  for (const step of steps) {
    const stepTime = obj(step.time);
    user += seconds(stepTime.user);
    system += seconds(stepTime.system);
    const rss = tresCount(obj(obj(step.tres).requested).max, 'mem');
    if (rss !== null && (maxRss === null || rss > maxRss)) maxRss = rss;
  }
  return { maxRss: maxRss === null ? null : Math.round(maxRss / MB), user, system };
}

/** Requested memory: the TRES request (MB for the whole job), else the `required` block. */
function requestedMemory(raw: Raw, allocCpus: number, allocNodes: number): number | null {
  const fromTres = tresCount(obj(raw.tres).requested, 'mem');
  if (fromTres) return fromTres;
  const required = obj(raw.required);
  const perCpu = count(required.memory_per_cpu);
  if (perCpu) return perCpu * Math.max(1, allocCpus);
  const perNode = count(required.memory_per_node) ?? count(required.memory);
  if (perNode) return perNode * Math.max(1, allocNodes);
  return null;
}

/**
 * A slurmdb job record (dbv0.0.38 and v0.0.40+ share the layout; num() reads both number
 * styles) with its steps folded in: MaxRSS is the largest step's, CPU time the sum.
 */
export function historyFromRaw(raw: Raw, cluster: string): JobHistoryRecord {
  const t = obj(raw.time);
  const stateBlock = obj(raw.state);
  const { state, flags } = splitJobState(stateBlock.current);
  const steps = Array.isArray(raw.steps) ? raw.steps.map(obj) : [];
  const usage = stepUsage(steps);
  const stepCpu = usage.user + usage.system;
  const allocated = obj(raw.tres).allocated;
  const allocCpus = tresCount(allocated, 'cpu') ?? count(obj(raw.required).CPUs) ?? 0;
  const allocNodes = count(raw.allocation_nodes) ?? 0;
  const nodeList = str(raw.nodes);
  const exit = obj(raw.exit_code);
  const signal = num(obj(exit.signal).id);
  const arrayBlock = obj(raw.array);
  const arrayJobId = count(arrayBlock.job_id);
  const finished = !['PENDING', 'RUNNING', 'SUSPENDED'].includes(state);
  return {
    cluster,
    id: String(num(raw.job_id) ?? raw.job_id),
    arrayJobId: arrayJobId ? String(arrayJobId) : null,
    arrayTaskId: count(arrayBlock.task_id),
    name: str(raw.name) ?? '',
    user: str(raw.user) ?? '',
    group: str(raw.group),
    account: str(raw.account),
    partition: str(raw.partition),
    qos: str(raw.qos),
    state,
    stateFlags: flags,
    reason: str(stateBlock.reason),
    submitTime: time(t.submission),
    eligibleTime: time(t.eligible),
    startTime: time(t.start),
    endTime: time(t.end),
    elapsed: count(t.elapsed) ?? 0,
    timeLimit: num(t.limit),
    allocCpus,
    allocNodes,
    reqMemMb: requestedMemory(raw, allocCpus, allocNodes),
    maxRssMb: usage.maxRss,
    totalCpuSeconds: stepCpu > 0 ? stepCpu : seconds(t.user) + seconds(t.system),
    userCpuSeconds: stepCpu > 0 ? usage.user : seconds(t.user),
    systemCpuSeconds: stepCpu > 0 ? usage.system : seconds(t.system),
    exitCode: finished ? num(exit.return_code) : null,
    exitSignal: finished && signal ? signal : null,
    nodes: nodeList === 'None assigned' ? [] : expandHostlist(nodeList),
    nodeList: nodeList === 'None assigned' ? null : nodeList,
    gpus:
      tresCount(allocated, 'gres', 'gpu') ?? tresCount(obj(raw.tres).requested, 'gres', 'gpu') ?? 0,
    workingDirectory: str(raw.working_directory),
    stdout: str(raw.stdout_expanded) ?? str(raw.stdout),
    stderr: str(raw.stderr_expanded) ?? str(raw.stderr),
    submitLine: str(raw.submit_line),
    script: str(raw.script),
    priority: num(raw.priority),
  };
}

/** Accounting may hold several records for one job id (requeues, reused ids): newest wins. */
export function newestPerJob(records: JobHistoryRecord[]): JobHistoryRecord[] {
  const byId = new Map<string, JobHistoryRecord>();
  for (const record of records) {
    const seen = byId.get(record.id);
    if (!seen || (record.submitTime ?? 0) >= (seen.submitTime ?? 0)) byId.set(record.id, record);
  }
  return [...byId.values()];
}
