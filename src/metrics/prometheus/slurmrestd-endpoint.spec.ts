import { routeLabel } from './http-metrics.middleware.js';
import { hostKey, slurmrestdEndpoint } from './slurmrestd-endpoint.js';

describe('slurmrestdEndpoint', () => {
  it.each([
    ['/slurm/v0.0.42/job/123', 'slurm/job'],
    ['/slurm/v0.0.42/jobs/?update_time=1', 'slurm/jobs'],
    ['/slurm/v0.0.42/jobs/state/?job_id=1,2', 'slurm/jobs/state'],
    ['/slurm/v0.0.38/node/gpu001', 'slurm/node'],
    ['/slurmdb/v0.0.38/jobs?start_time=1', 'slurmdb/jobs'],
    ['/slurmdb/v0.0.42/user/alice', 'slurmdb/user'],
    ['/slurm/v0.0.42/ping/', 'slurm/ping'],
    ['/openapi/v3', 'openapi'],
    ['/slurm', 'slurm'],
    ['/', 'other'],
  ])('%p → %p', (path, label) => {
    expect(slurmrestdEndpoint(path)).toBe(label);
  });
});

describe('hostKey', () => {
  it('makes the default port explicit', () => {
    expect(hostKey('http://127.0.0.1:6820')).toBe('127.0.0.1:6820');
    expect(hostKey('http://slurm.example')).toBe('slurm.example:80');
    expect(hostKey('https://slurm.example/api')).toBe('slurm.example:443');
    expect(hostKey('not a url')).toBeNull();
  });
});

describe('routeLabel', () => {
  it('uses the route template, never the concrete path', () => {
    expect(routeLabel({ route: { path: '/v1/jobs/:job_id' }, baseUrl: '' })).toBe(
      '/v1/jobs/:job_id',
    );
    expect(routeLabel({ route: { path: '*path' }, baseUrl: '/v1' })).toBe('unmatched');
    expect(routeLabel({ route: undefined, baseUrl: '' })).toBe('unmatched');
  });
});
