import { ScontrolFallback, type ScontrolRunner } from './scontrol-fallback.js';

function runner(result: {
  stdout?: string;
  stderr?: string;
  fail?: Partial<NodeJS.ErrnoException> & { killed?: boolean };
}) {
  const calls: { file: string; args: string[] }[] = [];
  const run: ScontrolRunner = (file, args) => {
    calls.push({ file, args });
    if (result.fail) {
      return Promise.reject(
        Object.assign(new Error('Command failed'), {
          stdout: result.stdout ?? '',
          stderr: result.stderr ?? '',
          ...result.fail,
        }),
      );
    }
    return Promise.resolve({ stdout: result.stdout ?? '', stderr: result.stderr ?? '' });
  };
  return { calls, run };
}

describe('ScontrolFallback', () => {
  it('passes one argument per key=value, the reason with its spaces intact', async () => {
    const r = runner({});
    const fallback = new ScontrolFallback('legacy', '/opt/scontrol', 1000, r.run);
    await expect(
      fallback.updateNode('node004', { state: 'DRAIN', reason: 'disk check; rm -rf /' }),
    ).resolves.toEqual({ warnings: [] });
    expect(r.calls).toEqual([
      {
        file: '/opt/scontrol',
        args: ['update', 'nodename=node004', 'state=DRAIN', 'reason=disk check; rm -rf /'],
      },
    ]);
    await fallback.requeueJob('12_3');
    expect(r.calls[1].args).toEqual(['requeue', '12_3']);
  });

  it('rejects names and ids that are not Slurm names before running anything', async () => {
    const r = runner({});
    const fallback = new ScontrolFallback('legacy', 'scontrol', 1000, r.run);
    await expect(
      fallback.updateNode('node1 state=DOWN', { state: 'RESUME' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      errorNumber: 2018,
    });
    await expect(fallback.requeueJob('1;true')).rejects.toMatchObject({ kind: 'not_found' });
    expect(r.calls).toEqual([]);
  });

  it.each([
    ['slurm_update error: Invalid node name specified', 'not_found', 2018],
    ['Invalid job id specified for job 5', 'not_found', 2017],
    ['You must specify a reason when DOWNING or DRAINING a node. Request denied', 'invalid', null],
    ['Invalid input: state=bogus\nValid states are: NoResp DRAIN', 'invalid', null],
    ['slurm_update error: Access/permission denied', 'unauthorized', 2002],
    ['something odd', 'internal', null],
  ])('maps "%s" to %s', async (stderr, kind, errorNumber) => {
    const fallback = new ScontrolFallback(
      'legacy',
      'scontrol',
      1000,
      runner({ stderr, fail: { code: '1' } }).run,
    );
    await expect(
      fallback.updateNode('node004', { state: 'DOWN', reason: 'x' }),
    ).rejects.toMatchObject({
      kind,
      errorNumber,
      cluster: 'legacy',
    });
  });

  it('reports a missing binary and a timeout', async () => {
    const missing = new ScontrolFallback(
      'c',
      '/nope',
      1000,
      runner({ fail: { code: 'ENOENT' } }).run,
    );
    await expect(missing.requeueJob('1')).rejects.toMatchObject({ kind: 'internal' });
    const slow = new ScontrolFallback('c', 'scontrol', 5, runner({ fail: { killed: true } }).run);
    await expect(slow.requeueJob('1')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('runs a real executable without a shell', async () => {
    const fallback = new ScontrolFallback('c', '/bin/echo', 5000);
    const result = await fallback.updateNode('node004', { state: 'RESUME', reason: '$(id) `x`' });
    expect(result.warnings).toEqual(['update nodename=node004 state=RESUME reason=$(id) `x`']);
  });
});
