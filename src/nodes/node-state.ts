import { NODE_BASE_STATES, type Node } from '@app/slurm-gateway';

/**
 * Flags that keep a node from taking new work even when its base state is IDLE or MIXED.
 * COMPLETING, CLOUD, DYNAMIC_* and PLANNED do not: Slurm still schedules onto such nodes.
 */
const BLOCKING_FLAGS = new Set([
  'DRAIN',
  'FAIL',
  'MAINTENANCE',
  'NOT_RESPONDING',
  'POWERED_DOWN',
  'POWERING_DOWN',
  'POWERING_UP',
  'POWER_DOWN',
  'REBOOT_ISSUED',
  'REBOOT_REQUESTED',
  'RESERVED',
  'INVALID_REG',
]);

/**
 * True when the node can take work now: idle, or mixed with free CPUs, and not drained,
 * down, failing, reserved or powering.
 */
export function isAvailable(node: Node): boolean {
  if (node.stateFlags.some((f) => BLOCKING_FLAGS.has(f))) return false;
  if (node.state === 'IDLE') return true;
  return node.state === 'MIXED' && node.cpus - node.allocCpus > 0;
}

/** Names accepted by the `state` filter besides base states and flags (sinfo's compound states). */
const DERIVED_STATES: Record<string, (n: Node) => boolean> = {
  ALLOC: (n) => n.state === 'ALLOCATED',
  DRAINED: (n) => isDrain(n) && !isBusy(n),
  DRAINING: (n) => isDrain(n) && isBusy(n),
};

function isDrain(n: Node): boolean {
  return n.stateFlags.includes('DRAIN');
}

function isBusy(n: Node): boolean {
  return n.state === 'ALLOCATED' || n.state === 'MIXED' || n.stateFlags.includes('COMPLETING');
}

/**
 * True when the node is in `wanted` (upper case): its base state, one of its flags
 * (e.g. DRAIN, NOT_RESPONDING), or a derived name (ALLOC, DRAINED, DRAINING).
 */
export function matchesState(node: Node, wanted: string): boolean {
  if (node.state === wanted || node.stateFlags.includes(wanted)) return true;
  const derived = DERIVED_STATES[wanted];
  return derived !== undefined && derived(node);
}

/** Every name the `state` filter understands (validation of the query). */
export const NODE_STATE_FILTER_NAMES = [
  ...NODE_BASE_STATES,
  ...Object.keys(DERIVED_STATES),
  'DRAIN',
  'COMPLETING',
  'NOT_RESPONDING',
  'MAINTENANCE',
  'RESERVED',
  'FAIL',
  'POWERED_DOWN',
  'REBOOT_REQUESTED',
  'PLANNED',
  'CLOUD',
] as const;
