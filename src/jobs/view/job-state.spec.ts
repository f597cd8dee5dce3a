import { canonicalState, includesFinishedState, isFinishedState } from './job-state.js';

describe('job states', () => {
  it('canonicalises names and squeue codes', () => {
    expect(canonicalState('pd')).toBe('PENDING');
    expect(canonicalState(' Running ')).toBe('RUNNING');
    expect(canonicalState('CG')).toBe('COMPLETING');
    expect(canonicalState('OOM')).toBe('OUT_OF_MEMORY');
    expect(canonicalState('nonsense')).toBeNull();
  });

  it('knows which states are finished', () => {
    expect(isFinishedState('CANCELLED')).toBe(true);
    expect(isFinishedState('SUSPENDED')).toBe(false);
    expect(includesFinishedState(['PENDING', 'COMPLETED'])).toBe(true);
    expect(includesFinishedState(['PENDING', 'COMPLETING'])).toBe(false);
  });
});
