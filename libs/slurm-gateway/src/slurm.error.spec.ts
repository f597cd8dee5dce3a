import { SlurmError, isSlurmError } from './slurm.error.js';

describe('SlurmError', () => {
  it('keeps kind, upstream number, status, cluster and warnings', () => {
    const err = new SlurmError({
      kind: 'not_found',
      message: 'Invalid job id specified',
      cluster: 'main',
      errorNumber: 2017,
      httpStatus: 404,
      warnings: ['w1'],
    });
    expect(err).toBeInstanceOf(Error);
    expect(isSlurmError(err)).toBe(true);
    expect(err.name).toBe('SlurmError');
    expect([err.kind, err.errorNumber, err.httpStatus, err.cluster]).toEqual([
      'not_found',
      2017,
      404,
      'main',
    ]);
    expect(err.warnings).toEqual(['w1']);
    expect(err.errors).toEqual([]);
  });

  it('defaults optional fields to null / empty', () => {
    const err = new SlurmError({ kind: 'unavailable', message: 'down', cluster: 'legacy' });
    expect(err.errorNumber).toBeNull();
    expect(err.httpStatus).toBeNull();
    expect(isSlurmError(new Error('x'))).toBe(false);
  });
});
