import { SlurmError, type SlurmGateway, type SubmitJobRequest } from '@app/slurm-gateway';
import type { AuditEntry, AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/errors/index.js';
import type { AppConfig } from '../../config/index.js';
import type { SubmitJobDto } from '../dto/submit-job.dto.js';
import type { JobLocator } from '../job-locator.js';
import { liveJob } from '../testing/job-fixtures.js';
import type { JobSubmissionsService, SubmissionInput } from './job-submissions.service.js';
import { JobSubmitService } from './job-submit.service.js';
import type { SubmitResolution } from './submit-outcome.js';
import type { LostSubmit, SubmitOutcomeResolver } from './submit-outcome.resolver.js';

const alice = {
  id: 'p-alice',
  name: 'alice',
  role: 'user',
  scopes: ['jobs:write'],
  slurmUserFor: () => 'alice',
  tier: 'free',
  rateLimit: 1000,
  authMethod: 'api_key',
} as Principal;

const dto = { job_name: 'sim', script: '/bin/sleep 5' } as SubmitJobDto;
const reset = new SlurmError({
  kind: 'unavailable',
  message: 'slurmrestd failed on POST /slurm/v0.0.42/job/submit: ECONNRESET',
  cluster: 'main',
  cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
});

/** The service over fakes: `submitted` is what reached Slurm, `claims` the claim calls. */
function setup(submitOutcome: SubmitJobRequest | SlurmError, resolution?: SubmitResolution) {
  const submitted: SubmitJobRequest[] = [];
  const gateway = {
    client: () => ({
      submitJob: (request: SubmitJobRequest) => {
        submitted.push(request);
        return submitOutcome instanceof SlurmError
          ? Promise.reject(submitOutcome)
          : Promise.resolve({ jobId: '77', stepId: null, warnings: [] });
      },
    }),
  } as unknown as SlurmGateway;
  const claims: string[] = [];
  const recorded: string[] = [];
  const submissions = {
    claim: () => Promise.resolve({ kind: 'claimed', id: 'claim-1' }),
    complete: (id: string, response: { job_id: string }) => {
      claims.push(`complete ${id} ${response.job_id}`);
      return Promise.resolve();
    },
    release: (id: string) => {
      claims.push(`release ${id}`);
      return Promise.resolve();
    },
    record: (id: string, _input: SubmissionInput, response: { job_id: string }) => {
      recorded.push(`${id} ${response.job_id}`);
      return Promise.resolve();
    },
  } as unknown as JobSubmissionsService;
  const locator = {
    cluster: () => 'main',
    refresh: () => Promise.resolve(undefined),
  } as unknown as JobLocator;
  const asked: LostSubmit[] = [];
  const resolver = {
    resolve: (lost: LostSubmit) => {
      asked.push(lost);
      return Promise.resolve(resolution ?? { kind: 'absent' });
    },
  } as unknown as SubmitOutcomeResolver;
  const audits: AuditEntry[] = [];
  const audit = {
    record: (entry: AuditEntry) => Promise.resolve(void audits.push(entry)),
  } as unknown as AuditService;
  const config = { jobs: { defaultWorkdir: '/tmp' } } as AppConfig;
  const service = new JobSubmitService(gateway, submissions, locator, resolver, audit, config);
  return { service, submitted, claims, recorded, asked, audits };
}

describe('JobSubmitService with a lost answer', () => {
  it('marks the job with its claim and answers with the job found by the marker', async () => {
    const s = setup(reset, { kind: 'found', job: liveJob('42', { state: 'PENDING' }) });
    const outcome = await s.service.submit(alice, 'main', dto, 'key-1');
    expect(outcome).toEqual({
      response: { job_id: '42', state: 'PENDING', message: 'Job submitted successfully' },
      replayed: false,
    });
    expect(s.submitted.map((r) => r.comment)).toEqual(['s9s:claim-1']);
    expect(s.asked).toMatchObject([{ cluster: 'main', slurmUser: 'alice', marker: 's9s:claim-1' }]);
    expect(s.claims).toEqual(['complete claim-1 42']);
    expect(s.audits).toMatchObject([
      { target: 'job:42', result: 'success', details: { note: expect.stringMatching(/lost/) } },
    ]);
  });

  it('releases the claim when no job carries the marker: a retry may submit', async () => {
    const s = setup(reset, { kind: 'absent' });
    const error = await s.service.submit(alice, 'main', dto, 'key-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'SLURM_ERROR' });
    expect(s.claims).toEqual(['release claim-1']);
    expect(s.audits).toMatchObject([{ target: 'job:new', result: 'failed' }]);
  });

  it('keeps the claim while the outcome is unknown: a retry waits and never submits', async () => {
    const s = setup(reset, { kind: 'unknown', reason: 'no poll' });
    const error = await s.service.submit(alice, 'main', dto, 'key-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, message: expect.stringMatching(/not known/) });
    expect(s.claims).toEqual([]);
    expect(s.audits).toMatchObject([
      { result: 'failed', details: { outcome: expect.stringMatching(/unknown: no poll/) } },
    ]);
  });

  it('releases at once after a definite refusal, without looking for the job', async () => {
    const invalid = new SlurmError({ kind: 'invalid', message: 'bad', cluster: 'main' });
    const s = setup(invalid);
    await expect(s.service.submit(alice, 'main', dto, 'key-1')).rejects.toMatchObject({
      status: 400,
    });
    expect(s.asked).toEqual([]);
    expect(s.claims).toEqual(['release claim-1']);
  });

  it('records a submission without a key under the id its marker names', async () => {
    const s = setup(reset, { kind: 'found', job: liveJob('43') });
    const outcome = await s.service.submit(alice, 'main', dto, undefined);
    expect(outcome.response.job_id).toBe('43');
    const marker = s.submitted[0].comment ?? '';
    expect(marker).toMatch(/^s9s:[0-9a-f-]{36}$/);
    expect(s.recorded).toEqual([`${marker.slice(4)} 43`]);
  });

  it('marks and records a submission that went well', async () => {
    const s = setup({ script: '' } as SubmitJobRequest);
    const outcome = await s.service.submit(alice, 'main', dto, 'key-1');
    expect(outcome.response.job_id).toBe('77');
    expect(s.submitted[0].comment).toBe('s9s:claim-1');
    expect(s.asked).toEqual([]);
    expect(s.claims).toEqual(['complete claim-1 77']);
  });
});
