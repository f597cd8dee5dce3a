import {
  errnoTable,
  errorNumberFromText,
  kindFromErrorNumber,
  kindFromHttpStatus,
} from './errno-kinds.js';
import { failureFromResponse, isFailure, upstreamErrors, upstreamWarnings } from './upstream.js';

describe('errno table', () => {
  it.each([
    [2017, 'not_found'],
    [2018, 'not_found'],
    [2000, 'invalid'],
    [2045, 'invalid'],
    [2066, 'invalid'],
    [2127, 'invalid'],
    [2021, 'conflict'],
    [2042, 'conflict'],
    [2002, 'unauthorized'],
    [1800, 'unavailable'],
    [7000, 'unavailable'],
  ])('%i -> %s', (n, kind) => {
    expect(kindFromErrorNumber(n)).toBe(kind);
  });

  it('does not know 0, null or unlisted numbers', () => {
    expect(kindFromErrorNumber(0)).toBeNull();
    expect(kindFromErrorNumber(null)).toBeNull();
    expect(kindFromErrorNumber(2090)).toBeNull();
  });

  it('lists every number once, with its message', () => {
    const numbers = errnoTable().map(([n]) => n);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThan(80);
    expect(errnoTable().every(([, , message]) => message.length > 0)).toBe(true);
  });

  it('finds the number of a message printed by scontrol', () => {
    expect(errorNumberFromText('slurm_update error: Invalid node name specified')).toBe(2018);
    expect(errorNumberFromText('Invalid job id specified for job 99999')).toBe(2017);
    expect(errorNumberFromText('Job/step already completing or completed')).toBe(2021);
    expect(errorNumberFromText('something else')).toBeNull();
  });
});

describe('kindFromHttpStatus', () => {
  it.each([
    [400, 'invalid'],
    [422, 'invalid'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [511, 'unauthorized'],
    [404, 'not_found'],
    [409, 'conflict'],
    [500, 'internal'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ])('%i -> %s', (status, kind) => {
    expect(kindFromHttpStatus(status)).toBe(kind);
  });
});

describe('upstreamErrors', () => {
  it('reads all three spellings', () => {
    const body = {
      errors: [
        { error_number: 2017, error: 'Invalid job id specified', source: 'x', description: 'd' },
        { error_code: 2068, error: 'Required node not available' },
        { error: 'Invalid node name', errno: 2018 },
        'junk',
      ],
    };
    expect(upstreamErrors(body).map((e) => e.errorNumber)).toEqual([2017, 2068, 2018]);
    expect(upstreamErrors(body)[0]).toEqual({
      errorNumber: 2017,
      error: 'Invalid job id specified',
      source: 'x',
      description: 'd',
    });
    expect(upstreamErrors(null)).toEqual([]);
    expect(upstreamErrors({ errors: 'x' })).toEqual([]);
  });

  it('reads warnings as messages', () => {
    expect(
      upstreamWarnings({ warnings: [{ description: 'a', source: 's' }, { source: 'b' }, 'c', 1] }),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('failureFromResponse', () => {
  it('uses the errno table over the status (22.05 answers 500 for an unknown job)', () => {
    const err = failureFromResponse({
      cluster: 'legacy',
      httpStatus: 500,
      body: { errors: [{ error_number: 2017, error: 'Invalid job id specified' }] },
    });
    expect([err.kind, err.errorNumber, err.httpStatus, err.cluster]).toEqual([
      'not_found',
      2017,
      500,
      'legacy',
    ]);
    expect(err.message).toBe('Invalid job id specified');
  });

  it('falls back to the HTTP status and keeps warnings', () => {
    const err = failureFromResponse({
      cluster: 'main',
      httpStatus: 422,
      body: {
        errors: [{ error: 'Rejecting request', description: 'bad field x' }],
        warnings: [{ description: 'ignored y' }],
      },
    });
    expect(err.kind).toBe('invalid');
    expect(err.errorNumber).toBeNull();
    expect(err.message).toBe('Rejecting request: bad field x');
    expect(err.warnings).toEqual(['ignored y']);
  });

  it('reports errors[] inside a 200 as a failure', () => {
    const body = { errors: [{ error_number: 2021, error: 'Job/step already completing' }] };
    expect(isFailure(200, body)).toBe(true);
    expect(isFailure(200, { errors: [] })).toBe(false);
    expect(failureFromResponse({ cluster: 'c', httpStatus: 200, body }).kind).toBe('conflict');
  });

  it('treats 401 as unauthorized and uses a text body as the message', () => {
    const err = failureFromResponse({
      cluster: 'c',
      httpStatus: 401,
      body: undefined,
      text: 'Authentication failure\n',
    });
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toBe('Authentication failure');
  });

  it('describes an empty failure by its status', () => {
    const err = failureFromResponse({ cluster: 'c', httpStatus: 500, body: null });
    expect([err.kind, err.message]).toEqual(['internal', 'slurmrestd answered HTTP 500']);
  });
});
