import {
  jobComparator,
  matchesFilter,
  mergeJobs,
  selectJobs,
  type JobSortField,
  type QueryableJob,
  type SortOrder,
} from './job-query.js';

function job(id: string, extra: Partial<QueryableJob> = {}): QueryableJob {
  return {
    id,
    name: `job${id}`,
    user: 'alice',
    account: 'research',
    partition: 'normal',
    qos: 'normal',
    state: 'PENDING',
    submitTime: 1000,
    startTime: null,
    endTime: null,
    priority: 10,
    ...extra,
  };
}

describe('matchesFilter', () => {
  it('matches every filter field, any value of a list', () => {
    const j = job('1', { user: 'bob', partition: 'gpu', account: 'ops', qos: 'high', name: 'x' });
    expect(matchesFilter(j, { users: ['alice', 'bob'], partitions: ['gpu'] })).toBe(true);
    expect(matchesFilter(j, { accounts: ['research'] })).toBe(false);
    expect(matchesFilter(j, { qos: ['high'], names: ['x'] })).toBe(true);
    expect(matchesFilter(j, { names: ['y'] })).toBe(false);
    expect(matchesFilter(job('2', { partition: null }), { partitions: ['gpu'] })).toBe(false);
  });

  it('matches base states and state flags', () => {
    const completing = job('1', { state: 'RUNNING', stateFlags: ['COMPLETING'] });
    expect(matchesFilter(completing, { states: ['COMPLETING'] })).toBe(true);
    expect(matchesFilter(completing, { states: ['RUNNING', 'PENDING'] })).toBe(true);
    expect(matchesFilter(completing, { states: ['PENDING'] })).toBe(false);
  });

  it('keeps jobs active inside a time window', () => {
    const done = job('1', { state: 'COMPLETED', submitTime: 100, startTime: 110, endTime: 200 });
    const running = job('2', { state: 'RUNNING', submitTime: 100, startTime: 110, endTime: 9999 });
    expect(matchesFilter(done, { since: 150 })).toBe(true);
    expect(matchesFilter(done, { since: 201 })).toBe(false);
    expect(matchesFilter(done, { until: 99 })).toBe(false);
    // A running job's end time is a projection: it is still active at any later instant.
    expect(matchesFilter(running, { since: 100000 })).toBe(true);
  });
});

describe('jobComparator', () => {
  const jobs = [
    job('3', { priority: 5, submitTime: 30 }),
    job('1', { priority: null, submitTime: 10 }),
    job('2', { priority: 5, submitTime: 20 }),
    job('10', { priority: 7, submitTime: 20 }),
  ];

  it('sorts descending by default keys with nulls last and ids as tie-break', () => {
    expect([...jobs].sort(jobComparator('priority', 'desc')).map((j) => j.id)).toEqual([
      '10',
      '3',
      '2',
      '1',
    ]);
    expect([...jobs].sort(jobComparator('priority', 'asc')).map((j) => j.id)).toEqual([
      '2',
      '3',
      '10',
      '1',
    ]);
  });

  it('compares job ids as numbers', () => {
    expect([...jobs].sort(jobComparator('job_id', 'asc')).map((j) => j.id)).toEqual([
      '1',
      '2',
      '3',
      '10',
    ]);
  });

  it('orders ids that are not numbers after the numeric ones (a total order)', () => {
    const mixed = ['2', '1a', '10', 'x', '9'].map((id) => job(id, { priority: 5 }));
    const ids = (field: JobSortField, order: SortOrder) =>
      [...mixed].sort(jobComparator(field, order)).map((j) => j.id);
    expect(ids('priority', 'asc')).toEqual(['2', '9', '10', '1a', 'x']);
    expect(ids('priority', 'desc')).toEqual(['x', '1a', '10', '9', '2']);
    expect(ids('job_id', 'asc')).toEqual(['2', '9', '10', '1a', 'x']);
    // Text ids have no number to sort by: they stay last, like any missing sort value.
    expect(ids('job_id', 'desc')).toEqual(['10', '9', '2', 'x', '1a']);
  });

  it('sorts end_time by the shown end (null while running)', () => {
    const list = [
      job('1', { state: 'RUNNING', endTime: 5000 }),
      job('2', { state: 'COMPLETED', endTime: 300 }),
      job('3', { state: 'FAILED', endTime: 400 }),
    ];
    expect(list.sort(jobComparator('end_time', 'desc')).map((j) => j.id)).toEqual(['3', '2', '1']);
  });

  it('sorts text fields', () => {
    const list = [
      job('1', { user: 'carol' }),
      job('2', { user: 'alice' }),
      job('3', { user: 'bob' }),
    ];
    expect(list.sort(jobComparator('user', 'asc')).map((j) => j.user)).toEqual([
      'alice',
      'bob',
      'carol',
    ]);
  });
});

describe('selectJobs / mergeJobs', () => {
  it('filters then sorts without touching the input', () => {
    const input = [job('1', { state: 'RUNNING' }), job('2'), job('3')];
    const out = selectJobs(input, { states: ['PENDING'] }, 'job_id', 'desc');
    expect(out.map((j) => j.id)).toEqual(['3', '2']);
    expect(input.map((j) => j.id)).toEqual(['1', '2', '3']);
  });

  it('keeps each job once, the live record first', () => {
    const live = [job('1', { state: 'RUNNING' })];
    const history = [job('1', { state: 'COMPLETED' }), job('2', { state: 'FAILED' })];
    const merged = mergeJobs(live, history);
    expect(merged.map((j) => [j.id, j.state])).toEqual([
      ['1', 'RUNNING'],
      ['2', 'FAILED'],
    ]);
  });
});
