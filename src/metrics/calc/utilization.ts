import type { Node } from '@app/slurm-gateway';

/** Allocated and total resources summed over a set of nodes. */
export interface ResourceTotals {
  cpusAlloc: number;
  cpusIdle: number;
  /** CPUs that are neither allocated nor usable (down, drained, failed nodes), as sinfo's %C. */
  cpusOther: number;
  cpusTotal: number;
  memoryAllocMb: number;
  memoryTotalMb: number;
  gpusAlloc: number;
  gpusTotal: number;
}

export interface UtilizationPercent {
  cpu_percent: number;
  memory_percent: number;
  gpu_percent: number;
}

/** Node states as the metrics API reports them (spec keys IDLE, MIXED, ALLOCATED, DOWN, DRAIN ...). */
export type NodeCountState =
  'IDLE' | 'MIXED' | 'ALLOCATED' | 'DOWN' | 'DRAIN' | 'ERROR' | 'FUTURE' | 'UNKNOWN';

type NodeResources = Pick<
  Node,
  'state' | 'stateFlags' | 'cpus' | 'allocCpus' | 'realMemoryMb' | 'allocMemoryMb'
> &
  Pick<Node, 'gpusTotal' | 'gpusUsed'>;

/** Flags that make the idle part of a node unusable, as sinfo counts "other" CPUs. */
const UNUSABLE_FLAGS = ['DRAIN', 'FAIL', 'MAINTENANCE', 'REBOOT_ISSUED', 'POWERED_DOWN'];

function isUnusable(node: Pick<Node, 'state' | 'stateFlags'>): boolean {
  if (node.state === 'DOWN' || node.state === 'ERROR' || node.state === 'FUTURE') return true;
  return node.stateFlags.some((f) => UNUSABLE_FLAGS.includes(f));
}

/** Sum CPU, memory and GPU allocation over all nodes (every node counts in the totals, as sinfo %C). */
export function resourceTotals(nodes: readonly NodeResources[]): ResourceTotals {
  const t: ResourceTotals = {
    cpusAlloc: 0,
    cpusIdle: 0,
    cpusOther: 0,
    cpusTotal: 0,
    memoryAllocMb: 0,
    memoryTotalMb: 0,
    gpusAlloc: 0,
    gpusTotal: 0,
  };
  for (const n of nodes) {
    const alloc = Math.min(n.allocCpus, n.cpus);
    t.cpusAlloc += alloc;
    t.cpusTotal += n.cpus;
    if (isUnusable(n)) t.cpusOther += n.cpus - alloc;
    else t.cpusIdle += n.cpus - alloc;
    t.memoryAllocMb += n.allocMemoryMb;
    t.memoryTotalMb += n.realMemoryMb;
    t.gpusAlloc += n.gpusUsed;
    t.gpusTotal += n.gpusTotal;
  }
  return t;
}

/** Percentage rounded to one decimal; 0 when there is nothing to use (no GPUs at all). */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

export function utilizationPercent(t: ResourceTotals): UtilizationPercent {
  return {
    cpu_percent: percent(t.cpusAlloc, t.cpusTotal),
    memory_percent: percent(t.memoryAllocMb, t.memoryTotalMb),
    gpu_percent: percent(t.gpusAlloc, t.gpusTotal),
  };
}

/**
 * The state a node is counted under. DRAIN wins over the base state, as in sinfo (which
 * shows "drained"/"draining" whatever the base state) and prometheus-slurm-exporter.
 */
export function nodeCountState(node: Pick<Node, 'state' | 'stateFlags'>): NodeCountState {
  if (node.stateFlags.includes('DRAIN')) return 'DRAIN';
  return node.state;
}

/** Node counts by state; states with no node are left out. */
export function nodeCounts(
  nodes: readonly Pick<Node, 'state' | 'stateFlags'>[],
): Partial<Record<NodeCountState, number>> {
  const counts: Partial<Record<NodeCountState, number>> = {};
  for (const n of nodes) {
    const s = nodeCountState(n);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}
