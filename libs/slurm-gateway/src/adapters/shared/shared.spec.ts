import { splitJobState, splitNodeState } from './states.js';
import { expandStdio, type StdioContext } from './stdio.js';
import { nodeRange, signalName } from './submit.js';
import {
  count,
  gresGpus,
  list,
  memoryToMb,
  num,
  parseTres,
  str,
  time,
  tresGpus,
} from './values.js';

describe('values', () => {
  it('reads plain ints, sentinels and {set, infinite, number}', () => {
    expect(num(5)).toBe(5);
    expect(num(4294967294)).toBeNull(); // NO_VAL
    expect(num(4294967295)).toBeNull(); // INFINITE
    expect(num({ set: true, infinite: false, number: 7 })).toBe(7);
    expect(num({ set: false, infinite: false, number: 0 })).toBeNull();
    expect(num({ set: true, infinite: true, number: 0 })).toBeNull();
    expect(num('12')).toBe(12);
    expect(num('x')).toBeNull();
    expect(count(-2)).toBeNull();
    expect(time(0)).toBeNull();
    expect(time({ set: true, infinite: false, number: 1700000000 })).toBe(1700000000);
  });

  it('reads strings and lists', () => {
    expect([str(''), str('None'), str('(null)'), str('N/A'), str(' a ')]).toEqual([
      null,
      null,
      null,
      null,
      'a',
    ]);
    expect(list('gpu,a100')).toEqual(['gpu', 'a100']);
    expect(list(['gpu', '', 'a100'])).toEqual(['gpu', 'a100']);
    expect(list(null)).toEqual([]);
  });

  it('reads memory, TRES and GRES', () => {
    expect([memoryToMb('500M'), memoryToMb('4G'), memoryToMb('62.50G'), memoryToMb('1T')]).toEqual([
      500, 4096, 64000, 1048576,
    ]);
    expect(memoryToMb('lots')).toBeNull();
    expect(parseTres('cpu=4,mem=4G,node=1,gres/gpu=2')).toEqual({
      cpu: '4',
      mem: '4G',
      node: '1',
      'gres/gpu': '2',
    });
    expect(tresGpus('cpu=4,gres/gpu=2,gres/gpu:a100=2')).toBe(2);
    expect(tresGpus('cpu=4,gres/gpu:a100=2,gres/gpu:v100=1')).toBe(3);
    expect(tresGpus('')).toBe(0);
    expect(gresGpus('gpu:4')).toBe(4);
    expect(gresGpus('gpu:a100:4(S:0-1)')).toBe(4);
    expect(gresGpus('gpu:2(IDX:0,2),mps:100')).toBe(2);
    expect(gresGpus('gres/gpu:2')).toBe(2);
    expect(gresGpus('gpu:a100')).toBe(1);
    expect(gresGpus('gpu:0(IDX:N/A)')).toBe(0);
    expect(gresGpus('')).toBe(0);
  });
});

describe('states', () => {
  it.each([
    ['RUNNING', 'RUNNING', []],
    [['RUNNING', 'COMPLETING'], 'RUNNING', ['COMPLETING']],
    [['PENDING', 'REQUEUED'], 'PENDING', ['REQUEUED']],
    ['COMPLETING', 'COMPLETED', ['COMPLETING']], // v0.0.38 prints the flag only
    ['CONFIGURING', 'RUNNING', ['CONFIGURING']],
    ['REQUEUE_HOLD', 'PENDING', ['REQUEUE_HOLD']],
    ['OOM', 'OUT_OF_MEMORY', []],
    ['cancelled', 'CANCELLED', []],
  ])('job %j -> %s %j', (raw, state, flags) => {
    expect(splitJobState(raw)).toEqual({ state, flags });
  });

  it.each([
    ['idle', ['DRAIN'], 'IDLE', ['DRAIN']],
    [['IDLE', 'DRAIN'], [], 'IDLE', ['DRAIN']],
    [['MIXED', 'NOT_RESPONDING', 'DRAIN'], [], 'MIXED', ['NOT_RESPONDING', 'DRAIN']],
    ['unknown', ['NOT_RESPONDING'], 'UNKNOWN', ['NOT_RESPONDING']],
    [['DRAIN'], [], 'UNKNOWN', ['DRAIN']],
    ['alloc', [], 'ALLOCATED', []],
  ])('node %j + %j -> %s %j', (raw, extra, state, flags) => {
    expect(splitNodeState(raw, extra)).toEqual({ state, flags });
  });
});

describe('expandStdio', () => {
  const ctx: StdioContext = {
    jobId: '42',
    arrayJobId: null,
    arrayTaskId: null,
    user: 'alice',
    name: 'sim',
    batchHost: 'node001',
    workingDirectory: '/home/alice/',
  };

  it('expands the fixed patterns relative to the working directory', () => {
    expect(expandStdio('slurm-%j.out', ctx)).toBe('/home/alice/slurm-42.out');
    expect(expandStdio('/logs/%u/%x-%5j.%N.log', ctx)).toBe('/logs/alice/sim-00042.node001.log');
    expect(expandStdio('100%%-%j', ctx)).toBe('/home/alice/100%-42');
    expect(expandStdio('a_%A_%a', ctx)).toBe('/home/alice/a_42_4294967294');
  });

  it('uses the array ids of a task and gives up where the value is not fixed', () => {
    const task = { ...ctx, jobId: '45', arrayJobId: '40', arrayTaskId: 3 };
    expect(expandStdio('/tmp/o_%A_%a.out', task)).toBe('/tmp/o_40_3.out');
    expect(expandStdio('/tmp/o_%A_%a.out', { ...task, arrayTaskId: null })).toBeNull();
    expect(expandStdio('/tmp/o_%t.out', ctx)).toBeNull();
    expect(expandStdio('rel.out', { ...ctx, workingDirectory: null })).toBeNull();
    expect(expandStdio(null, ctx)).toBeNull();
  });
});

describe('request helpers', () => {
  it('spells signals and node ranges as Slurm does', () => {
    expect([signalName('term'), signalName('SIGUSR1'), signalName(' 9 ')]).toEqual([
      'SIGTERM',
      'SIGUSR1',
      '9',
    ]);
    expect(nodeRange({ script: '', workingDirectory: '/' })).toBeUndefined();
    expect(nodeRange({ script: '', workingDirectory: '/', nodes: 2 })).toBe('2');
    expect(nodeRange({ script: '', workingDirectory: '/', nodes: 2, maxNodes: 4 })).toBe('2-4');
  });
});
