import { countByState, countedJobs, finishedCount, isFinished } from './job-counts.js';

describe('countedJobs', () => {
  const since = 1000;

  it('counts live jobs, recent finished ones, and each job once with the snapshot state', () => {
    const jobs = countedJobs(
      [
        { id: '1', state: 'RUNNING', endTime: 5000 },
        { id: '2', state: 'PENDING', endTime: null },
        { id: '3', state: 'COMPLETED', endTime: 1500 },
        { id: '4', state: 'COMPLETED', endTime: 500 },
      ],
      [
        { id: '3', state: 'FAILED', endTime: 1500 },
        { id: '5', state: 'CANCELLED', endTime: 1200 },
        { id: '6', state: 'COMPLETED', endTime: 999 },
        { id: '1', state: 'COMPLETED', endTime: 1300 },
        { id: '7', state: 'RUNNING', endTime: null },
      ],
      since,
    );
    expect(Object.fromEntries(jobs)).toEqual({
      '1': 'RUNNING',
      '2': 'PENDING',
      '3': 'COMPLETED',
      '5': 'CANCELLED',
    });
    expect(countByState(jobs.values())).toEqual({
      RUNNING: 1,
      PENDING: 1,
      COMPLETED: 1,
      CANCELLED: 1,
    });
    expect(finishedCount(jobs.values())).toBe(2);
  });

  it('treats pending, running and suspended as live', () => {
    expect(isFinished('PENDING')).toBe(false);
    expect(isFinished('SUSPENDED')).toBe(false);
    expect(isFinished('TIMEOUT')).toBe(true);
    expect(isFinished('OUT_OF_MEMORY')).toBe(true);
  });
});
