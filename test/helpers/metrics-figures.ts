/**
 * The metrics API's figures computed independently from Slurm's own CLI (sinfo, squeue,
 * sacct) for the metrics end-to-end specs.
 */
import { JOB_BASE_STATES } from '@app/slurm-gateway';
import { slurmCli } from './slurm-cli.js';

const DAY = 86_400;

/** One decimal, as the API rounds percentages. */
export function pct(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** Sum of the GPU counts in a GRES string: "gpu:4", "gpu:a100:2(IDX:0-1)", "(null)" → 0. */
export function gresGpus(gres: string): number {
  let total = 0;
  for (const m of gres.matchAll(/gpu(?::[A-Za-z0-9_.-]+)?:(\d+)/g)) total += Number(m[1]);
  return total;
}

/** sinfo's long state ("drained*", "mixed-", "idle~") → the API's node_counts key. */
export function sinfoStateKey(state: string): string {
  const base = state.replace(/[^a-z_]+$/i, '').toLowerCase();
  if (base.startsWith('drain')) return 'DRAIN';
  if (base === 'alloc' || base === 'allocated') return 'ALLOCATED';
  if (base === 'mix' || base === 'mixed') return 'MIXED';
  return base.toUpperCase();
}

export interface SinfoFigures {
  utilization: { cpu_percent: number; memory_percent: number; gpu_percent: number };
  nodeCounts: Record<string, number>;
  cpus: { alloc: number; idle: number; other: number; total: number };
  gpus: { alloc: number; total: number };
  nodes: number;
}

/** Utilization and node states from `sinfo -N` (each node once, whatever its partitions). */
export async function sinfoFigures(cluster: string): Promise<SinfoFigures> {
  const out = await slurmCli(cluster, [
    'sinfo',
    '-h',
    '-N',
    '-O',
    'NodeList:|,StateLong:|,CPUsState:|,AllocMem:|,Memory:|,Gres:|,GresUsed:|',
  ]);
  const seen = new Set<string>();
  const f: SinfoFigures = {
    utilization: { cpu_percent: 0, memory_percent: 0, gpu_percent: 0 },
    nodeCounts: {},
    cpus: { alloc: 0, idle: 0, other: 0, total: 0 },
    gpus: { alloc: 0, total: 0 },
    nodes: 0,
  };
  let memAlloc = 0;
  let memTotal = 0;
  for (const line of out.split('\n')) {
    const [name, state, cpus, allocMem, memory, gres, gresUsed] = line
      .split('|')
      .map((s) => s.trim());
    if (!name || seen.has(name)) continue;
    seen.add(name);
    f.nodes++;
    const key = sinfoStateKey(state);
    f.nodeCounts[key] = (f.nodeCounts[key] ?? 0) + 1;
    const [a, i, o, t] = cpus.split('/').map(Number);
    f.cpus.alloc += a;
    f.cpus.idle += i;
    f.cpus.other += o;
    f.cpus.total += t;
    memAlloc += Number(allocMem) || 0;
    memTotal += Number(memory) || 0;
    f.gpus.total += gresGpus(gres);
    f.gpus.alloc += gresGpus(gresUsed);
  }
  f.utilization = {
    cpu_percent: pct(f.cpus.alloc, f.cpus.total),
    memory_percent: pct(memAlloc, memTotal),
    gpu_percent: pct(f.gpus.alloc, f.gpus.total),
  };
  return f;
}

/** "2023-12-15T14:30:00" as Slurm prints it (local time) → epoch seconds; null for Unknown/None. */
export function slurmTime(text: string): number | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(text)) return null;
  return Math.floor(new Date(text).getTime() / 1000);
}

/** Slurm durations: "1-02:03:04", "02:03:04", "03:04.512" (TotalCPU) → seconds. */
export function slurmDuration(text: string): number {
  const m = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) throw new Error(`not a Slurm duration: "${text}"`);
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * DAY + Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s);
}

/** sacct memory ("102400K", "200M", "1.5G", "200Mn", "100Mc") → MB; "" → null. */
export function sacctMemoryMb(text: string, perCpu = 1, perNode = 1): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)([nc]?)$/.exec(text.trim());
  if (!m) return null;
  const factor: Record<string, number> = {
    K: 1 / 1024,
    '': 1 / (1024 * 1024),
    M: 1,
    G: 1024,
    T: 1024 * 1024,
  };
  const mb = Number(m[1]) * factor[m[2]];
  if (m[3] === 'c') return mb * perCpu;
  if (m[3] === 'n') return mb * perNode;
  return mb;
}

/** "12m 34s", "2h 15m", "3d 4h", "45s", "0s" → seconds (the API's wait format). */
export function parseWait(text: string): number {
  const size: Record<string, number> = { d: DAY, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const part of text.split(' ')) {
    const m = /^(\d+)([dhms])$/.exec(part);
    if (!m) throw new Error(`not a wait: "${text}"`);
    total += Number(m[1]) * size[m[2]];
  }
  return total;
}

/** The rounding step of a formatted wait: a wait of over an hour is shown to the minute. */
export function waitGranularity(seconds: number): number {
  if (seconds >= DAY) return 3600;
  if (seconds >= 3600) return 60;
  return 1;
}

const LIVE = new Set(['PENDING', 'RUNNING', 'SUSPENDED']);

/** A job state word from squeue/sacct ("CANCELLED by 0" → CANCELLED) has ended. */
export function isFinishedState(state: string): boolean {
  const base = state.split(' ')[0];
  return !LIVE.has(base) && (JOB_BASE_STATES as readonly string[]).includes(base);
}

/** Non-empty lines of CLI output split on "|". */
export function records(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('|'));
}

export interface QueueFigures {
  /** Epoch seconds the figures were read. */
  at: number;
  jobCounts: Record<string, number>;
  /** now − submit of every pending job, seconds. */
  pendingWaits: number[];
  /** Jobs counted above that have ended. */
  finished24h: number;
  /** Jobs squeue shows in a transition (COMPLETING...): the figures are not stable then. */
  transient: number;
}

/** Epoch seconds as Slurm's CLI reads a time: local time, "YYYY-MM-DDTHH:MM:SS". */
export function slurmTimeArg(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` +
    `T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

/** One line per job (no steps) of every user that sacct selects for the window. */
export function sacctJobs(cluster: string, start: string, end: string, fields: string) {
  return slurmCli(cluster, ['sacct', '-a', '-X', '-n', '-P', '-S', start, '-E', end, '-o', fields]);
}

/**
 * Every job slurmctld still holds (`squeue -t all`: live ones, and finished ones it has not
 * forgotten yet) plus jobs that ended in the last 24 hours according to sacct, each job once
 * (squeue wins), as the API's job_counts and queue_stats define them.
 */
export async function queueFigures(cluster: string): Promise<QueueFigures> {
  const at = Math.floor(Date.now() / 1000);
  const since = at - DAY;
  const [squeue, sacct] = await Promise.all([
    slurmCli(cluster, ['squeue', '-t', 'all', '-h', '-o', '%A|%T|%V|%e']),
    sacctJobs(cluster, `now-${DAY}`, 'now', 'JobIDRaw,State,End'),
  ]);
  const states = new Map<string, string>();
  const pendingWaits: number[] = [];
  let transient = 0;
  const recentEnd = (end: string) => {
    const ended = slurmTime(end);
    return ended !== null && ended >= since;
  };
  for (const [id, rawState, submit, end] of records(squeue)) {
    const state = rawState === 'CONFIGURING' ? 'RUNNING' : rawState;
    if (isFinishedState(state)) {
      if (recentEnd(end)) states.set(id, state);
      continue;
    }
    if (!LIVE.has(state)) {
      transient++;
      continue;
    }
    states.set(id, state);
    const submitted = slurmTime(submit);
    if (state === 'PENDING' && submitted !== null) pendingWaits.push(Math.max(0, at - submitted));
  }
  for (const [id, rawState, end] of records(sacct)) {
    const state = rawState.split(' ')[0];
    if (states.has(id) || !isFinishedState(state) || !recentEnd(end)) continue;
    states.set(id, state);
  }
  const jobCounts: Record<string, number> = {};
  let finished24h = 0;
  for (const state of states.values()) {
    jobCounts[state] = (jobCounts[state] ?? 0) + 1;
    if (isFinishedState(state)) finished24h++;
  }
  return { at, jobCounts, pendingWaits, finished24h, transient };
}

export interface SacctEfficiency {
  elapsed: number;
  allocCpus: number;
  totalCpuSeconds: number;
  maxRssMb: number | null;
  reqMemMb: number | null;
  cpuEfficiency: number;
  memoryEfficiency: number | null;
  state: string;
}

/** seff's figures for one job from `sacct --format=TotalCPU,Elapsed,AllocCPUS,MaxRSS,ReqMem`. */
export async function sacctEfficiency(cluster: string, jobId: string): Promise<SacctEfficiency> {
  const out = await slurmCli(cluster, [
    'sacct',
    '-j',
    jobId,
    '-n',
    '-P',
    '--format=JobIDRaw,TotalCPU,Elapsed,AllocCPUS,MaxRSS,ReqMem,NNodes,State',
  ]);
  const lines = records(out);
  const job = lines.find((l) => l[0] === jobId);
  if (!job) throw new Error(`sacct has no record of job ${jobId}:\n${out}`);
  const [, totalCpu, elapsedText, allocText, , reqMem, nodesText, state] = job;
  const allocCpus = Number(allocText);
  const elapsed = slurmDuration(elapsedText);
  const totalCpuSeconds = slurmDuration(totalCpu);
  let maxRssMb: number | null = null;
  for (const l of lines) {
    const rss = sacctMemoryMb(l[4] ?? '');
    if (rss !== null && (maxRssMb === null || rss > maxRssMb)) maxRssMb = rss;
  }
  const reqMemMb = sacctMemoryMb(reqMem, allocCpus, Number(nodesText) || 1);
  return {
    elapsed,
    allocCpus,
    totalCpuSeconds,
    maxRssMb,
    reqMemMb,
    cpuEfficiency: totalCpuSeconds / (elapsed * allocCpus),
    memoryEfficiency: maxRssMb !== null && reqMemMb ? maxRssMb / reqMemMb : null,
    state: state.split(' ')[0],
  };
}

/**
 * Calls `attempt` until it returns true (figures read around an API call agreed) or the time
 * is up; returns the last failure's description for the assertion message.
 */
export async function agreeWithin(
  timeoutMs: number,
  attempt: () => Promise<string | null>,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = 'never tried';
  while (Date.now() < deadline) {
    last = await attempt();
    if (last === null) return null;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return last;
}
