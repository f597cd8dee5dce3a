import type { Job } from '../../model/job.js';
import { commonJob, isFinished, isHeld } from '../shared/job-common.js';
import { defaultStdioPattern, expandStdio } from '../shared/stdio.js';
import { num, str, type Raw } from '../shared/values.js';

/**
 * v0.0.38 job record -> Job. Differences from v0.0.40+: exit_code is the raw wait status,
 * there is no `hold` field, and standard_output/_error are the raw patterns ("" = default).
 */
export function jobFromV0038(raw: Raw, cluster: string): Job {
  const base = commonJob(raw, cluster);
  const status = num(raw.exit_code);
  const finished = isFinished(base.state) && status !== null;
  const isArray = base.arrayJobId !== null;
  const batch = raw.batch_flag !== false;
  const stdout = str(raw.standard_output) ?? (batch ? defaultStdioPattern(isArray) : null);
  const stderr = str(raw.standard_error) ?? stdout;
  const ctx = { ...base, jobId: base.id };
  return {
    ...base,
    held: isHeld(base),
    // Wait status: exit code in the high byte, terminating signal in the low 7 bits.
    exitCode: finished ? (status >> 8) & 0xff : null,
    exitSignal: finished && (status & 0x7f) !== 0 ? status & 0x7f : null,
    stdout,
    stderr,
    stdoutExpanded: expandStdio(stdout, ctx),
    stderrExpanded: expandStdio(stderr, ctx),
  };
}
