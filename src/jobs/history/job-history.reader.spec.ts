import { jest } from '@jest/globals';
import type { JobHistoryRecord, SlurmGateway } from '@app/slurm-gateway';
import type { AppConfig } from '../../config/index.js';
import { JobHistoryReader } from './job-history.reader.js';

describe('JobHistoryReader.job', () => {
  let calls: string[];
  let records: Map<string, JobHistoryRecord | null>;
  let reader: JobHistoryReader;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    calls = [];
    records = new Map();
    const client = {
      info: () => Promise.resolve({ capabilities: { accounting: true } }),
      getJobHistory: (id: string) => {
        calls.push(id);
        return Promise.resolve(records.get(id) ?? null);
      },
    };
    const gateway = { client: () => client } as unknown as SlurmGateway;
    const config = { jobs: { historyCacheMs: 5000 } } as unknown as AppConfig;
    reader = new JobHistoryReader(gateway, config);
  });

  afterEach(() => jest.useRealTimers());

  const record = (id: string) => ({ id }) as unknown as JobHistoryRecord;

  it('asks slurmdbd again after the short cache time for a job that runs', async () => {
    records.set('1', record('1'));
    await reader.job('main', '1');
    await reader.job('main', '1');
    expect(calls).toEqual(['1']);
    jest.advanceTimersByTime(6000);
    await reader.job('main', '1');
    expect(calls).toEqual(['1', '1']);
  });

  it("keeps a pending job's record for minutes, until the job is seen started", async () => {
    records.set('2', record('2'));
    await reader.job('main', '2', { pending: true });
    jest.advanceTimersByTime(60_000);
    await reader.job('main', '2', { pending: true });
    expect(calls).toEqual(['2']);
    await reader.job('main', '2'); // started: the usage figures change from now on
    expect(calls).toEqual(['2', '2']);
  });

  it('does not keep "no record yet" for long', async () => {
    await reader.job('main', '3', { pending: true });
    jest.advanceTimersByTime(6000);
    records.set('3', record('3'));
    expect(await reader.job('main', '3', { pending: true })).toEqual(record('3'));
    expect(calls).toEqual(['3', '3']);
  });
});
