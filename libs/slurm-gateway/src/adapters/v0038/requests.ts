import type { SubmitJobRequest } from '../../model/requests.js';
import {
  commonJobDescription,
  jobEnvironment,
  nodeRange,
  withoutUndefined,
} from '../shared/submit.js';

/**
 * v0.0.38 submit body: `script` at the top level, environment as an OBJECT (required,
 * error 2127 without it), node count as a range string, GPUs as gpus_per_node.
 * Unknown keys are rejected with 400, so only known fields are sent.
 */
export function submitBodyV0038(request: SubmitJobRequest): Record<string, unknown> {
  return {
    script: request.script,
    job: withoutUndefined({
      ...commonJobDescription(request),
      nodes: nodeRange(request),
      memory_per_node: request.memoryPerNodeMb,
      memory_per_cpu: request.memoryPerCpuMb,
      time_limit: request.timeLimit,
      gpus_per_node: request.gpusPerNode === undefined ? undefined : String(request.gpusPerNode),
      environment: jobEnvironment(request),
    }),
  };
}
