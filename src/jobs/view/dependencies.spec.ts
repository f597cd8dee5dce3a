import { formatDependencies, parseDependencies } from './dependencies.js';

describe('parseDependencies', () => {
  it('reads what slurmctld prints', () => {
    expect(parseDependencies('afterok:12(unfulfilled),afterany:13_*(failed)')).toEqual([
      { type: 'afterok', job_id: '12' },
      { type: 'afterany', job_id: '13_*' },
    ]);
    expect(parseDependencies('after:5+10?singleton(unfulfilled)')).toEqual([
      { type: 'after', job_id: '5' },
      { type: 'singleton', job_id: null },
    ]);
    expect(parseDependencies('afterok:1:2')).toEqual([
      { type: 'afterok', job_id: '1' },
      { type: 'afterok', job_id: '2' },
    ]);
  });

  it('treats empty values as no dependencies', () => {
    expect(parseDependencies(null)).toEqual([]);
    expect(parseDependencies('')).toEqual([]);
    expect(parseDependencies('(null)')).toEqual([]);
  });
});

describe('formatDependencies', () => {
  it('groups ids per type and keeps singleton bare', () => {
    expect(
      formatDependencies([
        { type: 'afterok', job_id: '12' },
        { type: 'after', job_id: '5' },
        { type: 'afterok', job_id: '13' },
        { type: 'afterok', job_id: '13' },
        { type: 'singleton', job_id: null },
      ]),
    ).toBe('afterok:12:13,after:5,singleton');
    expect(formatDependencies([])).toBeUndefined();
  });
});
