import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { currentRequestId } from '../common/http/request-context.js';
import { AuditLogEntity, type AuditResult } from './audit-log.entity.js';

export interface AuditEntry {
  /** The caller; null for the admin CLI or an unauthenticated attempt. */
  principal: Pick<Principal, 'id' | 'name'> | null;
  /** The Slurm user the action ran (or would have run) as. */
  slurmUser?: string | null;
  cluster?: string | null;
  /** Dotted verb, e.g. `job.hold`, `node.drain`, `admin.client.create`. */
  action: string;
  /** What was acted on, e.g. `job:12345`, `node:node001`, `client:alice`. */
  target: string;
  result: AuditResult;
  /** Defaults to the current request's id. */
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes the audit trail of every mutation and every denied attempt. A failure to write is
 * logged, never thrown: the action it describes has already happened (or been refused).
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    @InjectRepository(AuditLogEntity) private readonly repo: Repository<AuditLogEntity>,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.repo.save(
        this.repo.create({
          principalId: entry.principal?.id ?? null,
          principalName: entry.principal?.name ?? null,
          slurmUser: entry.slurmUser ?? null,
          cluster: entry.cluster ?? null,
          action: entry.action,
          target: entry.target,
          result: entry.result,
          requestId: entry.requestId ?? currentRequestId() ?? null,
          details: entry.details ?? {},
        }),
      );
    } catch (error: unknown) {
      this.logger.error(
        `audit entry ${entry.action} ${entry.target} not written: ${String(error)}`,
      );
    }
  }

  /** Newest first, for the admin API. */
  async list(filter: {
    action?: string;
    principalName?: string;
    target?: string;
    limit: number;
    offset: number;
  }) {
    const query = this.repo
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.action !== undefined)
      query.andWhere('a.action = :action', { action: filter.action });
    if (filter.principalName !== undefined) {
      query.andWhere('a.principal_name = :name', { name: filter.principalName });
    }
    if (filter.target !== undefined)
      query.andWhere('a.target = :target', { target: filter.target });
    const [rows, total] = await query.getManyAndCount();
    return { rows, total };
  }
}
