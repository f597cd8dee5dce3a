import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { Repository } from 'typeorm';
import { BoundedTtlCache } from '../../common/cache/bounded-ttl-cache.js';
import { ApiError, ErrorCode } from '../../common/errors/index.js';
import { AppConfig } from '../../config/index.js';
import { JobSubmissionEntity, type StoredSubmitResponse } from './job-submission.entity.js';

export interface SubmissionInput {
  principalId: string;
  cluster: string;
  slurmUser: string;
  requestHash: string;
  command: string | null;
  environment: Record<string, string> | null;
}

export type Claim =
  { kind: 'claimed'; id: string } | { kind: 'replay'; response: StoredSubmitResponse };

/** A claim whose request never finished (process killed mid-submit) is given up after this. */
const STALE_PENDING_MINUTES = 5;
/** How long a retry waits for the first request with its key to finish. */
const WAIT_FOR_FIRST_MS = 60_000;
const WAIT_STEP_MS = 100;
const CLEANUP_EVERY_MS = 3_600_000;
/** How long a process keeps what `find` read, and how many answers at most. */
const FOUND_CACHE_MS = 60_000;
const FOUND_CACHE_MAX = 10_000;
/**
 * A job submitted longer ago than this has its submission record, if it has one, complete:
 * a claim finishes or goes stale within STALE_PENDING_MINUTES.
 */
const SETTLED_AFTER_S = STALE_PENDING_MINUTES * 60;

type Found = Pick<JobSubmissionEntity, 'command' | 'environment'> | null;

/**
 * Submission records and Idempotency-Key claims in Postgres. The claim is a row inserted
 * before Slurm is called; the unique (principal, key) constraint lets exactly one of several
 * concurrent requests insert it, in whichever API process they arrive. The others wait for
 * its answer and replay it.
 */
@Injectable()
export class JobSubmissionsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobSubmissionsService.name);
  private cleanupTimer: NodeJS.Timeout | undefined;
  /** Recent `find` answers by cluster|job id. */
  private readonly found = new BoundedTtlCache<Found>(FOUND_CACHE_MS, FOUND_CACHE_MAX);

  constructor(
    @InjectRepository(JobSubmissionEntity) private readonly repo: Repository<JobSubmissionEntity>,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.cleanupTimer = setInterval(() => void this.cleanup(), CLEANUP_EVERY_MS);
    this.cleanupTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.cleanupTimer);
  }

  /**
   * Claims `key` for this request, or returns the answer of the request that claimed it.
   * @throws ApiError RESOURCE_CONFLICT when the key came with another request, or when the
   *   first request is still running after a minute.
   */
  async claim(input: SubmissionInput, key: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      await this.releaseExpired(input.principalId, key);
      const inserted = await this.repo
        .createQueryBuilder()
        .insert()
        .into(JobSubmissionEntity)
        .values({ ...input, idempotencyKey: key, status: 'pending' })
        .orIgnore()
        .returning('id')
        .execute();
      const rows = inserted.raw as { id: string }[];
      if (rows.length > 0) return { kind: 'claimed', id: rows[0].id };

      const first = await this.repo.findOneBy({
        principalId: input.principalId,
        idempotencyKey: key,
      });
      if (first === null) continue; // released in the meantime: claim again
      if (first.requestHash !== input.requestHash) {
        throw new ApiError(
          ErrorCode.RESOURCE_CONFLICT,
          'Idempotency-Key was already used with a different request',
          { idempotency_key: key },
        );
      }
      if (first.status === 'submitted' && first.response !== null) {
        // Rebuilt in the documented key order (jsonb does not keep it).
        const { job_id, state, message } = first.response;
        return { kind: 'replay', response: { job_id, state, message } };
      }
      if (Date.now() > deadline) {
        throw new ApiError(
          ErrorCode.RESOURCE_CONFLICT,
          'A request with this Idempotency-Key is still being processed',
          { idempotency_key: key },
        );
      }
      await sleep(WAIT_STEP_MS);
    }
  }

  /** Stores the answer of a claimed submission for its retries. */
  async complete(id: string, response: StoredSubmitResponse): Promise<void> {
    await this.repo.update({ id }, { status: 'submitted', jobId: response.job_id, response });
  }

  /** Gives a claim up after a submission that surely failed: a retry may try again. */
  async release(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /**
   * Records a submission made without a key, under the id its marker names. A failure here
   * must not fail the submission.
   */
  async record(id: string, input: SubmissionInput, response: StoredSubmitResponse): Promise<void> {
    try {
      await this.repo.insert({
        id,
        ...input,
        idempotencyKey: null,
        status: 'submitted',
        jobId: response.job_id,
        response,
      });
    } catch (error) {
      this.logger.error(
        `submission record of job ${response.job_id} not written: ${String(error)}`,
      );
    }
  }

  /**
   * What was submitted for a job through this API, or null. A record never changes once its
   * job id is set, so answers are kept a minute; "none" only for jobs submitted at least
   * SETTLED_AFTER_S ago (`submittedAt`, epoch seconds), whose record cannot still be on its way.
   */
  async find(cluster: string, jobId: string, submittedAt: number | null): Promise<Found> {
    const key = `${cluster}|${jobId}`;
    const hit = this.found.get(key);
    if (hit !== undefined) return hit;
    const value = await this.repo.findOne({
      select: { command: true, environment: true },
      where: { cluster, jobId, status: 'submitted' },
      order: { createdAt: 'DESC' },
    });
    const settled = submittedAt !== null && Date.now() / 1000 - submittedAt >= SETTLED_AFTER_S;
    if (value !== null || settled) this.found.set(key, value);
    return value;
  }

  /** Frees a key after its time to live, and a claim whose request died mid-way. */
  private async releaseExpired(principalId: string, key: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(JobSubmissionEntity)
      .set({ idempotencyKey: null })
      .where('principal_id = :principalId AND idempotency_key = :key', { principalId, key })
      .andWhere(
        `(created_at < now() - make_interval(hours => :ttl)
          OR (status = 'pending' AND created_at < now() - make_interval(mins => :stale)))`,
        { ttl: this.config.jobs.idempotencyTtlHours, stale: STALE_PENDING_MINUTES },
      )
      .execute();
  }

  private async cleanup(): Promise<void> {
    try {
      await this.repo
        .createQueryBuilder()
        .delete()
        .from(JobSubmissionEntity)
        .where('created_at < now() - make_interval(days => :days)', {
          days: this.config.jobs.submissionRetentionDays,
        })
        .execute();
    } catch (error) {
      this.logger.warn(`old submission records not deleted: ${String(error)}`);
    }
  }
}
