import type { Job, JobStateEntry } from '@app/slurm-gateway';
import { yieldToEventLoop } from './concurrency.js';
import { jsonEqual } from './json-equal.js';

/** The part of a snapshot the planners read. */
export interface SnapshotView<T> {
  get(id: string): T | undefined;
  ids(): IterableIterator<string>;
}

/** What one cheap state poll (GET jobs/state) says must happen to the job snapshot. */
export interface JobStatePlan {
  /** Ids Slurm knows and the snapshot does not: their details must be fetched. */
  newIds: string[];
  /** Held jobs whose state changed, with the new state applied (details fetched later). */
  patched: Job[];
  /** Ids the snapshot holds and Slurm no longer lists. */
  missing: string[];
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((flag, i) => flag === b[i]);
}

/** Items compared between two yields to the event loop (keeps each slice to a few ms). */
const CHUNK = 500;

/**
 * Compares a state poll with the snapshot, linear in the number of jobs; yields to the event
 * loop between slices so that 20,000 jobs never hold up requests.
 */
export async function planJobStateRefresh(
  snapshot: SnapshotView<Job>,
  entries: readonly JobStateEntry[],
): Promise<JobStatePlan> {
  const plan: JobStatePlan = { newIds: [], patched: [], missing: [] };
  const listed = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % (CHUNK * 4) === 0) await yieldToEventLoop();
    const entry = entries[i];
    listed.add(entry.id);
    const held = snapshot.get(entry.id);
    if (!held) {
      plan.newIds.push(entry.id);
      continue;
    }
    if (
      held.state !== entry.state ||
      !sameFlags(held.stateFlags, entry.stateFlags) ||
      held.arrayTaskString !== entry.arrayTaskString
    ) {
      plan.patched.push({
        ...held,
        state: entry.state,
        stateFlags: [...entry.stateFlags],
        arrayTaskString: entry.arrayTaskString,
      });
    }
  }
  for (const id of snapshot.ids()) if (!listed.has(id)) plan.missing.push(id);
  return plan;
}

/** What a full list says must change in a snapshot. */
export interface ListDiff<T> {
  changed: T[];
  missing: string[];
}

/** Compares a full list with the snapshot by content, in slices between event-loop yields. */
export async function diffFullList<T>(
  snapshot: SnapshotView<T>,
  items: readonly T[],
  idOf: (item: T) => string,
): Promise<ListDiff<T>> {
  const diff: ListDiff<T> = { changed: [], missing: [] };
  const listed = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % CHUNK === 0) await yieldToEventLoop();
    const item = items[i];
    const id = idOf(item);
    listed.add(id);
    const held = snapshot.get(id);
    if (!held || !jsonEqual(held, item)) diff.changed.push(item);
  }
  for (const id of snapshot.ids()) if (!listed.has(id)) diff.missing.push(id);
  return diff;
}
