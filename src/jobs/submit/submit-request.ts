import type { SubmitJobRequest } from '@app/slurm-gateway';
import { parseDuration, parseMemory } from '../../common/format/index.js';
import type { SubmitJobDto } from '../dto/submit-job.dto.js';
import { formatDependencies } from '../view/dependencies.js';

/** Whether `script` is a whole batch script rather than a command to run. */
export function isInlineScript(script: string): boolean {
  return script.startsWith('#!');
}

/**
 * The batch script for a command or script path. The command is run by /bin/sh on the
 * batch host; the gateway never reads a script file itself (it might read files the user
 * could not).
 */
export function wrapCommand(command: string): string {
  return `#!/bin/sh\n${command.trim()}\n`;
}

/** The command recorded for the job's detail view (null for an inline script). */
export function commandOf(dto: Pick<SubmitJobDto, 'script'>): string | null {
  return isInlineScript(dto.script) ? null : dto.script.trim();
}

export interface SubmitDefaults {
  workingDirectory: string;
}

/**
 * The spec's submission body → the library's request. `cpus_per_node` becomes one task per
 * node with that many CPUs each (so the CPUs are allocated, not merely required); `memory`
 * and `gpus` are per node. The DTO is already validated.
 */
export function toSubmitJobRequest(dto: SubmitJobDto, defaults: SubmitDefaults): SubmitJobRequest {
  const request: SubmitJobRequest = {
    script: isInlineScript(dto.script) ? dto.script : wrapCommand(dto.script),
    workingDirectory: dto.working_directory ?? defaults.workingDirectory,
  };
  const set = <K extends keyof SubmitJobRequest>(
    key: K,
    value: SubmitJobRequest[K] | undefined,
  ) => {
    if (value !== undefined) request[key] = value;
  };
  set('name', dto.job_name);
  set('partition', dto.partition);
  set('account', dto.account);
  set('qos', dto.qos);
  set('nodes', dto.nodes);
  if (dto.cpus_per_node !== undefined) {
    request.tasks = dto.nodes ?? 1;
    request.cpusPerTask = dto.cpus_per_node;
  }
  set(
    'memoryPerNodeMb',
    dto.memory === undefined ? undefined : (parseMemory(dto.memory) ?? undefined),
  );
  set('gpusPerNode', dto.gpus === 0 ? undefined : dto.gpus);
  set(
    'timeLimit',
    dto.time_limit === undefined ? undefined : (parseDuration(dto.time_limit) ?? undefined),
  );
  set('stdout', dto.standard_output);
  set('stderr', dto.standard_error);
  set('environment', dto.environment);
  set(
    'dependency',
    dto.dependencies === undefined
      ? undefined
      : formatDependencies(
          dto.dependencies.map((d) => ({
            type: d.type,
            job_id: d.type === 'singleton' ? null : (d.job_id ?? null),
          })),
        ),
  );
  set('array', dto.array);
  set('hold', dto.hold);
  return request;
}
