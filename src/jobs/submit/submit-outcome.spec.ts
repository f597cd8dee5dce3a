import { jest } from '@jest/globals';
import {
  SlurmError,
  type Job,
  type JobStateEntry,
  type SlurmErrorKind,
  type SlurmGateway,
} from '@app/slurm-gateway';
import type { ClusterStateService } from '../../cluster-state/index.js';
import { LocalStore } from '../../cluster-state/local-store.js';
import { JobSnapshot } from '../../cluster-state/snapshot.js';
import { liveJob } from '../testing/job-fixtures.js';
import { findMarked, isUnknownOutcome, submissionMarker } from './submit-outcome.js';
import { SubmitOutcomeResolver } from './submit-outcome.resolver.js';

function slurmError(
  kind: SlurmErrorKind,
  extra: { errorNumber?: number; httpStatus?: number; code?: string } = {},
): SlurmError {
  const cause = extra.code === undefined ? undefined : Object.assign(new Error('x'), extra);
  return new SlurmError({ kind, message: 'm', cluster: 'main', ...extra, cause });
}

describe('isUnknownOutcome', () => {
  it.each([
    ['a timeout', slurmError('unavailable')],
    ['a reset connection', slurmError('unavailable', { code: 'ECONNRESET' })],
    ['a body cut short after 200', slurmError('unavailable', { httpStatus: 200 })],
    ['a proxy timeout (504)', slurmError('unavailable', { httpStatus: 504 })],
    [
      'lost reply of slurmctld (1802)',
      slurmError('unavailable', { errorNumber: 1802, httpStatus: 500 }),
    ],
    ['socket timeout in slurmrestd (5004)', slurmError('unavailable', { errorNumber: 5004 })],
    ['accepted without a job id', slurmError('internal')],
    ['an unreadable 200', slurmError('internal', { httpStatus: 200 })],
  ])('%s: the job may exist', (_label, error) => {
    expect(isUnknownOutcome(error)).toBe(true);
  });

  it.each([
    ['invalid', slurmError('invalid', { errorNumber: 2000, httpStatus: 500 })],
    ['not_found', slurmError('not_found', { errorNumber: 2017 })],
    ['conflict', slurmError('conflict')],
    ['unauthorized', slurmError('unauthorized', { httpStatus: 401 })],
    ['connection refused', slurmError('unavailable', { code: 'ECONNREFUSED' })],
    ['unknown host', slurmError('unavailable', { code: 'ENOTFOUND' })],
    ['slurmctld unreachable (1800)', slurmError('unavailable', { errorNumber: 1800 })],
    ['no job record (2007)', slurmError('unavailable', { errorNumber: 2007 })],
    ['submissions disabled (2105)', slurmError('unavailable', { errorNumber: 2105 })],
    ['slurmrestd failing (500)', slurmError('internal', { httpStatus: 500 })],
    ['not a Slurm error', new Error('bug')],
  ])('%s: definite', (_label, error) => {
    expect(isUnknownOutcome(error)).toBe(false);
  });
});

describe('submission marker', () => {
  it('names the submission and finds only its own job', () => {
    const marker = submissionMarker('4f1c');
    expect(marker).toBe('s9s:4f1c');
    const jobs = [
      liveJob('1'),
      liveJob('2', { comment: 's9s:4f1c0' }),
      liveJob('3', { comment: marker }),
    ];
    expect(findMarked(jobs, marker)?.id).toBe('3');
    expect(findMarked(jobs.slice(0, 2), marker)).toBeUndefined();
  });
});

/** A real snapshot over a fake Slurm: `slurm` holds what slurmctld knows. */
function setup(options: { stateQuery: boolean }) {
  const slurm = new Map<string, Job>();
  const calls = { jobStates: 0, getJob: [] as string[] };
  const local = new LocalStore<Job>('main', 'job');
  const snapshot = new JobSnapshot(
    local,
    {
      write: (upserts, removals) => {
        local.apply(
          upserts,
          removals.map((r) => r.id),
        );
        return Promise.resolve();
      },
      fetch: (id) => {
        calls.getJob.push(id);
        return Promise.resolve(slurm.get(id));
      },
      notReady: () => new Error('not ready'),
      failing: () => false,
    },
    { readyTimeoutMs: 1000 },
  );
  /** Runs while slurmctld answers the state query (the poller keeps working meanwhile). */
  let duringStates = (): void => undefined;
  const client = {
    info: () => Promise.resolve({ capabilities: { jobStateQuery: options.stateQuery } }),
    jobStates: () => {
      calls.jobStates++;
      duringStates();
      return Promise.resolve(
        [...slurm.values()].map((job): Pick<JobStateEntry, 'id'> => ({ id: job.id })),
      );
    },
  };
  const state = { jobs: () => snapshot } as unknown as ClusterStateService;
  const gateway = { client: () => client } as unknown as SlurmGateway;
  const resolver = new SubmitOutcomeResolver(state, gateway);
  const hold = (job: Job) => local.apply([{ id: job.id, item: job, t: 1 }], []);
  const onStates = (fn: () => void) => (duringStates = fn);
  return { slurm, local, hold, calls, resolver, onStates };
}

const FAILED_AT = 1_000_000;
const lost = { cluster: 'main', slurmUser: 'alice', marker: 's9s:abc', failedAt: FAILED_AT };

describe('SubmitOutcomeResolver', () => {
  afterEach(() => jest.useRealTimers());

  it('finds the marked job once a poll begun after the failure confirmed the snapshot', async () => {
    const s = setup({ stateQuery: true });
    s.local.confirm(FAILED_AT); // began with the failure: does not count
    const job = liveJob('42', { comment: 's9s:abc' });
    s.slurm.set('42', job);
    let settled = false;
    const result = s.resolver.resolve(lost).finally(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    s.hold(job);
    s.local.confirm(FAILED_AT + 3000);
    await expect(result).resolves.toEqual({ kind: 'found', job });
    expect(s.calls.jobStates).toBe(0);
  });

  it('reads jobs a state-only poll listed before their details arrived', async () => {
    const s = setup({ stateQuery: true });
    s.hold(liveJob('40'));
    s.slurm.set('40', liveJob('40'));
    s.slurm.set('41', liveJob('41', { comment: 'other' }));
    s.slurm.set('42', liveJob('42', { comment: 's9s:abc' }));
    s.local.confirm(FAILED_AT + 2000);
    const result = await s.resolver.resolve(lost);
    expect(result).toMatchObject({ kind: 'found', job: { id: '42' } });
    expect(s.calls.getJob).toEqual(['42']); // newest first, the held job is not read again
    expect(s.local.get('42')?.comment).toBe('s9s:abc'); // and every reader sees it now
  });

  it('finds a job the poller stored while slurmctld was asked for the new ones', async () => {
    const s = setup({ stateQuery: true });
    const job = liveJob('42', { comment: 's9s:abc' });
    s.slurm.set('42', job);
    s.local.confirm(FAILED_AT + 2000);
    s.onStates(() => s.hold(job));
    await expect(s.resolver.resolve(lost)).resolves.toEqual({ kind: 'found', job });
    expect(s.calls.getJob).toEqual([]);
  });

  it('answers absent when neither the snapshot nor slurmctld has the marker', async () => {
    const s = setup({ stateQuery: true });
    s.slurm.set('41', liveJob('41', { comment: 's9s:other' }));
    s.local.confirm(FAILED_AT + 2000);
    await expect(s.resolver.resolve(lost)).resolves.toEqual({ kind: 'absent' });
    expect(s.calls.getJob).toEqual(['41']);
  });

  it('trusts a confirmed full-list snapshot without reading slurmctld (v0.0.38)', async () => {
    const s = setup({ stateQuery: false });
    s.slurm.set('42', liveJob('42', { comment: 's9s:abc' })); // the snapshot would hold it
    s.local.confirm(FAILED_AT + 2000);
    await expect(s.resolver.resolve(lost)).resolves.toEqual({ kind: 'absent' });
    expect(s.calls).toEqual({ jobStates: 0, getJob: [] });
  });

  it('leaves the outcome unknown while no poll after the failure confirmed the snapshot', async () => {
    jest.useFakeTimers();
    const s = setup({ stateQuery: true });
    s.local.confirm(FAILED_AT + 500); // within the settling time: does not count
    s.slurm.set('42', liveJob('42', { comment: 's9s:abc' }));
    const result = s.resolver.resolve(lost);
    await jest.advanceTimersByTimeAsync(45_000);
    await expect(result).resolves.toMatchObject({ kind: 'unknown' });
    expect(s.calls).toEqual({ jobStates: 0, getJob: [] });
  });

  it('leaves the outcome unknown when slurmctld cannot be read', async () => {
    const s = setup({ stateQuery: true });
    s.slurm.set('42', liveJob('42'));
    s.local.confirm(FAILED_AT + 2000);
    const failing = new SlurmError({ kind: 'unavailable', message: 'down', cluster: 'main' });
    jest.spyOn(s.slurm, 'get').mockImplementation(() => {
      throw failing;
    });
    await expect(s.resolver.resolve(lost)).resolves.toMatchObject({
      kind: 'unknown',
      reason: expect.stringMatching(/down/),
    });
  });
});
