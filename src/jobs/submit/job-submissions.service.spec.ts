import { jest } from '@jest/globals';
import type { Repository } from 'typeorm';
import type { AppConfig } from '../../config/index.js';
import type { JobSubmissionEntity } from './job-submission.entity.js';
import { JobSubmissionsService } from './job-submissions.service.js';

type Row = Pick<JobSubmissionEntity, 'command' | 'environment'>;

/** A repository whose rows are keyed "cluster|jobId"; counts the reads. */
function serviceWith(rows: Map<string, Row>) {
  const reads: string[] = [];
  const repo = {
    findOne: ({ where }: { where: { cluster: string; jobId: string } }) => {
      const key = `${where.cluster}|${where.jobId}`;
      reads.push(key);
      return Promise.resolve(rows.get(key) ?? null);
    },
  } as unknown as Repository<JobSubmissionEntity>;
  return { service: new JobSubmissionsService(repo, {} as AppConfig), reads };
}

const NOW_MS = 1_800_000_000_000;
const secondsAgo = (s: number) => NOW_MS / 1000 - s;

describe('JobSubmissionsService.find', () => {
  let now = NOW_MS;
  beforeEach(() => {
    now = NOW_MS;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads a record once a minute: it never changes once its job id is set', async () => {
    const row = { command: '/bin/sleep 60', environment: { A: '1' } };
    const { service, reads } = serviceWith(new Map([['main|7', row]]));
    expect(await service.find('main', '7', secondsAgo(5))).toEqual(row);
    now += 59_000;
    expect(await service.find('main', '7', secondsAgo(5))).toEqual(row);
    expect(reads).toEqual(['main|7']);
    now += 2_000;
    expect(await service.find('main', '7', secondsAgo(5))).toEqual(row);
    expect(reads).toHaveLength(2);
  });

  it('keeps "none" for a job submitted long ago, not for a young one whose record may be on its way', async () => {
    const rows = new Map<string, Row>();
    const { service, reads } = serviceWith(rows);
    expect(await service.find('main', 'old', secondsAgo(301))).toBeNull();
    expect(await service.find('main', 'old', secondsAgo(301))).toBeNull();
    expect(reads.filter((k) => k === 'main|old')).toHaveLength(1);

    expect(await service.find('main', 'young', secondsAgo(2))).toBeNull();
    expect(await service.find('main', 'unknown-age', null)).toBeNull();
    rows.set('main|young', { command: 'x', environment: null });
    rows.set('main|unknown-age', { command: 'y', environment: null });
    expect(await service.find('main', 'young', secondsAgo(3))).toEqual({
      command: 'x',
      environment: null,
    });
    expect(await service.find('main', 'unknown-age', null)).toMatchObject({ command: 'y' });
  });

  it('keeps clusters apart and holds at most 10,000 answers, dropping the oldest', async () => {
    const { service, reads } = serviceWith(
      new Map([['legacy|1', { command: 'l', environment: null }]]),
    );
    expect(await service.find('main', '1', secondsAgo(600))).toBeNull();
    expect(await service.find('legacy', '1', secondsAgo(600))).toMatchObject({ command: 'l' });
    for (let i = 2; i <= 10_000; i++) await service.find('main', String(i), secondsAgo(600));
    reads.length = 0;
    await service.find('legacy', '1', secondsAgo(600)); // still held: 10,000 answers
    await service.find('main', '1', secondsAgo(600)); // the oldest, dropped by the 10,001st
    expect(reads).toEqual(['main|1']);
  });
});
