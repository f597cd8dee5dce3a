import { JOB_BASE_STATES, type JobBaseState } from '../../model/job.js';
import { NODE_BASE_STATES, type NodeBaseState } from '../../model/node.js';

const JOB_BASES = new Set<string>(JOB_BASE_STATES);
const NODE_BASES = new Set<string>(NODE_BASE_STATES);

function isJobBase(name: string): name is JobBaseState {
  return JOB_BASES.has(name);
}

function isNodeBase(name: string): name is NodeBaseState {
  return NODE_BASES.has(name);
}

/** Older names of base states. */
const JOB_ALIASES: Partial<Record<string, JobBaseState>> = {
  COMPLETE: 'COMPLETED',
  OOM: 'OUT_OF_MEMORY',
  CANCELED: 'CANCELLED',
};

/**
 * v0.0.38 prints a flag instead of the base state when one is set (job_state_string):
 * the base state is then implied by the flag.
 */
const FLAG_ONLY: Partial<Record<string, JobBaseState>> = {
  COMPLETING: 'COMPLETED',
  STAGE_OUT: 'COMPLETED',
  CONFIGURING: 'RUNNING',
  RESIZING: 'RUNNING',
  SIGNALING: 'RUNNING',
  STOPPED: 'SUSPENDED',
  REQUEUED: 'PENDING',
  REQUEUE_FED: 'PENDING',
  REQUEUE_HOLD: 'PENDING',
  SPECIAL_EXIT: 'PENDING',
  RESV_DEL_HOLD: 'PENDING',
  REVOKED: 'CANCELLED',
  POWER_UP_NODE: 'PENDING',
  LAUNCH_FAILED: 'FAILED',
  UPDATE_DB: 'PENDING',
};

export interface SplitState<T> {
  state: T;
  flags: string[];
}

/** Job state from "RUNNING" (v0.0.38) or ["RUNNING","COMPLETING"] (v0.0.40+). */
export function splitJobState(value: unknown): SplitState<JobBaseState> {
  const names = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => v.toUpperCase());
  let state: JobBaseState | null = null;
  const flags: string[] = [];
  for (const name of names) {
    const base = JOB_ALIASES[name] ?? name;
    if (state === null && isJobBase(base)) state = base;
    else flags.push(name);
  }
  if (state === null) {
    state = flags.map((f) => FLAG_ONLY[f]).find((s) => s !== undefined) ?? 'PENDING';
  }
  return { state, flags };
}

/** Node state from "idle" + state_flags (v0.0.38) or ["IDLE","DRAIN"] (v0.0.40+). */
export function splitNodeState(
  value: unknown,
  extraFlags: unknown = [],
): SplitState<NodeBaseState> {
  const names = [
    ...(Array.isArray(value) ? (value as unknown[]) : [value]),
    ...(Array.isArray(extraFlags) ? (extraFlags as unknown[]) : []),
  ]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => v.toUpperCase());
  let state: NodeBaseState | null = null;
  const flags: string[] = [];
  for (const name of names) {
    const base = name === 'ALLOC' ? 'ALLOCATED' : name === 'MIX' ? 'MIXED' : name;
    if (state === null && isNodeBase(base)) state = base;
    else if (!flags.includes(name)) flags.push(name);
  }
  return { state: state ?? 'UNKNOWN', flags };
}
