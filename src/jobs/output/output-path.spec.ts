import {
  expandOutputPattern,
  resolveOutputPath,
  toGatewayPath,
  type OutputPathJob,
} from './output-path.js';

const job: OutputPathJob = {
  id: '1234',
  arrayJobId: null,
  arrayTaskId: null,
  name: 'sim',
  user: 'alice',
  workingDirectory: '/home/alice/work',
  batchHost: 'node001',
  stdout: null,
  stderr: null,
};

const task: OutputPathJob = { ...job, id: '1240', arrayJobId: '1238', arrayTaskId: 2 };

describe('expandOutputPattern', () => {
  it('replaces every documented symbol', () => {
    expect(expandOutputPattern('%j-%J-%u-%x-%N-%n-%t-%s-%%', job)).toBe(
      '1234-1234-alice-sim-node001-0-0-batch-%',
    );
    expect(expandOutputPattern('%A_%a_%b', task)).toBe('1238_2_2');
  });

  it('uses the job id for %A and NO_VAL for %a outside arrays', () => {
    expect(expandOutputPattern('%A_%a', job)).toBe('1234_4294967294');
  });

  it('zero-pads numbers but not names', () => {
    expect(expandOutputPattern('%8j.%4a.%6u', task)).toBe('00001240.0002.alice');
  });

  it('leaves unknown symbols and %N without a host alone', () => {
    expect(expandOutputPattern('%q-%N', { ...job, batchHost: null })).toBe('%q-%N');
  });

  it('turns every pattern off when the name holds a backslash', () => {
    expect(expandOutputPattern('out\\_%j', job)).toBe('out_%j');
  });
});

describe('resolveOutputPath', () => {
  it('falls back to slurm-%j.out in the working directory', () => {
    expect(resolveOutputPath(job, 'output')).toBe('/home/alice/work/slurm-1234.out');
    expect(resolveOutputPath(job, 'error')).toBe('/home/alice/work/slurm-1234.out');
  });

  it('uses slurm-%A_%a.out for array tasks', () => {
    expect(resolveOutputPath(task, 'output')).toBe('/home/alice/work/slurm-1238_2.out');
  });

  it('sends stderr to the stdout file unless given', () => {
    const withOut = { ...job, stdout: '/logs/%x.%j.out' };
    expect(resolveOutputPath(withOut, 'error')).toBe('/logs/sim.1234.out');
    expect(resolveOutputPath({ ...withOut, stderr: 'err-%j' }, 'error')).toBe(
      '/home/alice/work/err-1234',
    );
  });

  it('prefers the raw pattern, else the expanded path Slurm gives', () => {
    expect(
      resolveOutputPath({ ...job, stdout: '/a/%j.out', stdoutExpanded: '/b/x' }, 'output'),
    ).toBe('/a/1234.out');
    expect(
      resolveOutputPath(
        { ...job, stdout: '/a/fixed.out', stdoutExpanded: '/a/fixed.out' },
        'output',
      ),
    ).toBe('/a/fixed.out');
    expect(resolveOutputPath({ ...job, stdoutExpanded: '/b/1234.out' }, 'output')).toBe(
      '/b/1234.out',
    );
  });
});

describe('toGatewayPath', () => {
  it('maps into the cluster root and cannot climb out of it', () => {
    expect(toGatewayPath('/tmp/x.out', '/srv/chroot')).toBe('/srv/chroot/tmp/x.out');
    expect(toGatewayPath('/../../etc/passwd', '/srv/chroot')).toBe('/srv/chroot/etc/passwd');
    expect(toGatewayPath('/tmp//x.out', undefined)).toBe('/tmp/x.out');
  });
});
