import type { Node } from '@app/slurm-gateway';
import { delayToNextSlot, sampleFigures, sampleSlot } from './sample-figures.js';

describe('sampleFigures', () => {
  it('keeps unrounded percentages, job counts and the mean pending wait', () => {
    const nodes = [
      {
        state: 'MIXED',
        stateFlags: [],
        cpus: 3,
        allocCpus: 1,
        realMemoryMb: 3000,
        allocMemoryMb: 1000,
        gpusTotal: 0,
        gpusUsed: 0,
      },
    ] as unknown as Node[];
    const f = sampleFigures(
      nodes,
      [
        { state: 'RUNNING', submitTime: 0 },
        { state: 'PENDING', submitTime: 90 },
        { state: 'PENDING', submitTime: 70 },
        { state: 'COMPLETED', submitTime: 0 },
      ],
      100,
    );
    expect(f.cpuPercent).toBeCloseTo(100 / 3, 10);
    expect(f.memoryPercent).toBeCloseTo(100 / 3, 10);
    expect(f).toMatchObject({
      gpuPercent: 0,
      jobsRunning: 1,
      jobsPending: 2,
      pendingWaitSeconds: 20,
    });
  });
});

describe('sampling slots', () => {
  it('snaps to the nearest multiple of the interval, also when a timer fires early', () => {
    expect(sampleSlot(60_000 * 5 + 3, 60_000)).toBe(300_000);
    expect(sampleSlot(60_000 * 5 - 2, 60_000)).toBe(300_000);
    expect(delayToNextSlot(300_003, 60_000)).toBe(59_997);
    expect(delayToNextSlot(300_000, 1000)).toBe(1000);
  });
});
