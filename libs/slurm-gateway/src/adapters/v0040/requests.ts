import type { SubmitJobRequest } from '../../model/requests.js';
import {
  commonJobDescription,
  jobEnvironment,
  nodeRange,
  withoutUndefined,
} from '../shared/submit.js';

/**
 * v0.0.40+ submit body: environment as ["K=V"], GPUs as tres_per_node, numbers as plain
 * ints (accepted for the {set, number} fields). v0.0.41+ wants the script inside `job`;
 * v0.0.40 at the top level.
 */
export function submitBodyV0040(
  request: SubmitJobRequest,
  apiVersion: string,
): Record<string, unknown> {
  const scriptInJob = apiVersion !== 'v0.0.40';
  const job = withoutUndefined({
    ...commonJobDescription(request),
    script: scriptInJob ? request.script : undefined,
    nodes: nodeRange(request),
    memory_per_node: request.memoryPerNodeMb,
    memory_per_cpu: request.memoryPerCpuMb,
    time_limit: request.timeLimit,
    tres_per_node:
      request.gpusPerNode === undefined ? undefined : `gres/gpu:${request.gpusPerNode}`,
    environment: Object.entries(jobEnvironment(request)).map(([k, v]) => `${k}=${v}`),
  });
  return scriptInJob ? { job } : { script: request.script, job };
}
