import { fixtureBody } from '../../test-fixtures/fixtures.js';
import { versionsFromOpenApi } from './discovery.js';

const doc = (paths: Record<string, Record<string, unknown>>) => ({ paths });

describe('versionsFromOpenApi', () => {
  it('picks v0.0.42 on Slurm 24.11, with node updates and job states', () => {
    expect(versionsFromOpenApi(fixtureBody('main', 'openapi'), 'main')).toEqual({
      slurm: 'v0.0.42',
      slurmdb: 'v0.0.42',
      nodeUpdate: true,
      jobStates: true,
    });
  });

  it('picks v0.0.38 + dbv0.0.38 on Slurm 22.05, without node updates', () => {
    expect(versionsFromOpenApi(fixtureBody('legacy', 'openapi'), 'legacy')).toEqual({
      slurm: 'v0.0.38',
      slurmdb: 'v0.0.38',
      nodeUpdate: false,
      jobStates: false,
    });
  });

  it('uses v0.0.38 on 23.02 (v0.0.39 is served too) and no accounting without slurmdb', () => {
    const versions = versionsFromOpenApi(
      doc({
        '/slurm/v0.0.39/node/{node_name}': { get: {}, post: {} },
        '/slurm/v0.0.38/node/{node_name}': { get: {} },
        '/slurm/v0.0.38/jobs': { get: {} },
      }),
      'c',
    );
    expect(versions).toEqual({
      slurm: 'v0.0.38',
      slurmdb: null,
      nodeUpdate: false,
      jobStates: false,
    });
  });

  it('prefers the newest supported version and an older slurmdb when needed', () => {
    const versions = versionsFromOpenApi(
      doc({
        '/slurm/v0.0.45/jobs/': { get: {} },
        '/slurm/v0.0.44/jobs/': { get: {} },
        '/slurm/v0.0.44/node/{node_name}': { post: {} },
        '/slurmdb/v0.0.43/jobs/': { get: {} },
      }),
      'c',
    );
    expect(versions).toEqual({
      slurm: 'v0.0.44',
      slurmdb: 'v0.0.43',
      nodeUpdate: true,
      jobStates: false,
    });
  });

  it('refuses a slurmrestd without a supported version', () => {
    expect(() => versionsFromOpenApi(doc({ '/slurm/v0.0.37/jobs': {} }), 'old')).toThrow(
      expect.objectContaining({ kind: 'unavailable', cluster: 'old' }),
    );
    expect(() => versionsFromOpenApi(null, 'x')).toThrow(/no supported API version/);
  });
});
