import type { Job, Node } from '@app/slurm-gateway';
import { resourceTotals } from '../calc/utilization.js';

/**
 * Cluster series under the names prometheus-slurm-exporter uses (slurm_nodes_*, slurm_queue_*,
 * slurm_cpus_*, slurm_gpus_*), so its dashboards and alerts work against the gateway.
 */
export const NODE_SERIES = [
  'alloc',
  'comp',
  'down',
  'drain',
  'err',
  'fail',
  'idle',
  'maint',
  'mix',
  'resv',
] as const;
export type NodeSeries = (typeof NODE_SERIES)[number];

export const QUEUE_SERIES = [
  'pending',
  'pending_dependency',
  'running',
  'suspended',
  'cancelled',
  'completing',
  'completed',
  'configuring',
  'failed',
  'timeout',
  'preempted',
  'node_fail',
  'boot_fail',
  'deadline',
  'out_of_memory',
] as const;
export type QueueSeries = (typeof QUEUE_SERIES)[number];

/** Which slurm_nodes_* series a node falls in, as sinfo's long state name starts (exporter regexes). */
export function nodeSeries(node: Pick<Node, 'state' | 'stateFlags'>): NodeSeries | null {
  const flags = new Set(node.stateFlags);
  if (flags.has('DRAIN')) return 'drain';
  if (flags.has('MAINTENANCE')) return 'maint';
  if (node.state === 'DOWN') return 'down';
  if (flags.has('FAIL')) return 'fail';
  if (flags.has('COMPLETING')) return 'comp';
  switch (node.state) {
    case 'IDLE':
      return flags.has('RESERVED') ? 'resv' : 'idle';
    case 'ALLOCATED':
      return 'alloc';
    case 'MIXED':
      return 'mix';
    case 'ERROR':
      return 'err';
    case 'FUTURE':
    case 'UNKNOWN':
      return null;
    default:
      return null;
  }
}

/** Which slurm_queue_* series a job falls in (squeue's state, Dependency reason split out). */
export function queueSeries(job: Pick<Job, 'state' | 'stateFlags' | 'reason'>): QueueSeries {
  if (job.stateFlags.includes('COMPLETING')) return 'completing';
  if (job.stateFlags.includes('CONFIGURING')) return 'configuring';
  if (job.state === 'PENDING' && job.reason === 'Dependency') return 'pending_dependency';
  return job.state.toLowerCase() as QueueSeries;
}

/** Every slurm_* series of one cluster: metric name → value. */
export function clusterSeries(
  nodes: readonly Node[],
  jobs: readonly Pick<Job, 'state' | 'stateFlags' | 'reason'>[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of NODE_SERIES) out.set(`slurm_nodes_${s}`, 0);
  for (const s of QUEUE_SERIES) out.set(`slurm_queue_${s}`, 0);
  const bump = (name: string): void => {
    out.set(name, (out.get(name) ?? 0) + 1);
  };
  for (const node of nodes) {
    const series = nodeSeries(node);
    if (series) bump(`slurm_nodes_${series}`);
  }
  out.set('slurm_nodes_total', nodes.length);
  for (const job of jobs) bump(`slurm_queue_${queueSeries(job)}`);

  const t = resourceTotals(nodes);
  out.set('slurm_cpus_alloc', t.cpusAlloc);
  out.set('slurm_cpus_idle', t.cpusIdle);
  out.set('slurm_cpus_other', t.cpusOther);
  out.set('slurm_cpus_total', t.cpusTotal);
  out.set('slurm_gpus_alloc', t.gpusAlloc);
  out.set('slurm_gpus_idle', Math.max(0, t.gpusTotal - t.gpusAlloc));
  out.set('slurm_gpus_total', t.gpusTotal);
  out.set('slurm_gpus_utilization', t.gpusTotal > 0 ? t.gpusAlloc / t.gpusTotal : 0);
  out.set('slurm_mem_alloc_bytes', t.memoryAllocMb * 1024 * 1024);
  out.set('slurm_mem_total_bytes', t.memoryTotalMb * 1024 * 1024);
  return out;
}

export const CLUSTER_SERIES_HELP: Record<string, string> = {
  slurm_nodes_total: 'Nodes of the cluster',
  slurm_cpus_alloc: 'Allocated CPUs',
  slurm_cpus_idle: 'Idle CPUs on usable nodes',
  slurm_cpus_other: 'CPUs neither allocated nor usable (down, drained nodes)',
  slurm_cpus_total: 'Total CPUs',
  slurm_gpus_alloc: 'Allocated GPUs',
  slurm_gpus_idle: 'GPUs not allocated',
  slurm_gpus_total: 'Total GPUs',
  slurm_gpus_utilization: 'Allocated GPUs / total GPUs (0..1)',
  slurm_mem_alloc_bytes: 'Allocated memory of all nodes, bytes',
  slurm_mem_total_bytes: 'Real memory of all nodes, bytes',
};

export function seriesHelp(name: string): string {
  const known = CLUSTER_SERIES_HELP[name];
  if (known) return known;
  if (name.startsWith('slurm_nodes_')) return `Nodes in state ${name.slice(12)}`;
  return `Jobs in state ${name.slice(12)}`;
}
