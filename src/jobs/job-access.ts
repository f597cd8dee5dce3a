import { ApiError, ErrorCode } from '../common/errors/index.js';
import { isPrivileged, type Principal } from '../auth/principal.js';

/** The authenticated caller; every jobs route requires one (the auth guards run first). */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (principal === undefined) {
    throw new ApiError(ErrorCode.AUTHENTICATION_FAILED, 'Authentication required');
  }
  return principal;
}

/** Whether `principal` submitted the job as its Slurm user on `cluster`. */
export function ownsJob(principal: Principal, cluster: string, job: { user: string }): boolean {
  return job.user === principal.slurmUserFor(cluster);
}

/**
 * Command, environment, output files and mutations: the job's owner, operators and admins.
 * (Lists show every job to every user, as squeue does.)
 */
export function mayManageJob(
  principal: Principal,
  cluster: string,
  job: { user: string },
): boolean {
  return isPrivileged(principal) || ownsJob(principal, cluster, job);
}

export function permissionDenied(message: string, jobId: string): ApiError {
  return new ApiError(ErrorCode.PERMISSION_DENIED, message, {
    resource_type: 'job',
    resource_id: jobId,
  });
}
