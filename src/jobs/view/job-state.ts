import { JOB_BASE_STATES, type JobBaseState } from '@app/slurm-gateway';

/** Base states of jobs still queued or running; every other base state is final. */
const ACTIVE_STATES: ReadonlySet<string> = new Set(['PENDING', 'RUNNING', 'SUSPENDED']);

/** Base states of jobs slurmctld no longer runs or schedules. */
export const FINISHED_STATES: ReadonlySet<JobBaseState> = new Set(
  JOB_BASE_STATES.filter((s) => !ACTIVE_STATES.has(s)),
);

/** State flags Slurm shows after the base state; accepted as filters too. */
export const JOB_STATE_FLAGS = [
  'COMPLETING',
  'CONFIGURING',
  'REQUEUED',
  'REQUEUE_HOLD',
  'REQUEUE_FED',
  'RESIZING',
  'RESV_DEL_HOLD',
  'REVOKED',
  'SIGNALING',
  'SPECIAL_EXIT',
  'STAGE_OUT',
  'STOPPED',
  'LAUNCH_FAILED',
  'POWER_UP_NODE',
] as const;

/** squeue's compact state codes (squeue(1), JOB STATE CODES). */
const STATE_CODES: Record<string, string> = {
  PD: 'PENDING',
  R: 'RUNNING',
  S: 'SUSPENDED',
  CD: 'COMPLETED',
  CA: 'CANCELLED',
  F: 'FAILED',
  TO: 'TIMEOUT',
  NF: 'NODE_FAIL',
  PR: 'PREEMPTED',
  BF: 'BOOT_FAIL',
  DL: 'DEADLINE',
  OOM: 'OUT_OF_MEMORY',
  CG: 'COMPLETING',
  CF: 'CONFIGURING',
  RQ: 'REQUEUED',
  RH: 'REQUEUE_HOLD',
  RF: 'REQUEUE_FED',
  RS: 'RESIZING',
  RD: 'RESV_DEL_HOLD',
  RV: 'REVOKED',
  SI: 'SIGNALING',
  SE: 'SPECIAL_EXIT',
  SO: 'STAGE_OUT',
  ST: 'STOPPED',
};

const KNOWN_STATES: ReadonlySet<string> = new Set<string>([...JOB_BASE_STATES, ...JOB_STATE_FLAGS]);

export function isFinishedState(state: JobBaseState): boolean {
  return FINISHED_STATES.has(state);
}

/**
 * A state filter value in canonical form ("pd" → "PENDING", "cancelled" → "CANCELLED"),
 * or null when Slurm has no such state.
 */
export function canonicalState(value: string): string | null {
  const upper = value.trim().toUpperCase();
  const state = STATE_CODES[upper] ?? upper;
  return KNOWN_STATES.has(state) ? state : null;
}

/** True when any of `states` is a finished base state (so accounting must be asked too). */
export function includesFinishedState(states: readonly string[]): boolean {
  return states.some((s) => FINISHED_STATES.has(s as JobBaseState));
}
