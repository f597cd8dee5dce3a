/**
 * Slurm's own CLI for end-to-end specs: check effects in Slurm independently of the
 * gateway (scripts/slurm runs the 24.11 tools in the chroot for `main`, the host's 22.05
 * tools for `legacy`).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const CLUSTERS = ['main', 'legacy'] as const;
export type ClusterName = (typeof CLUSTERS)[number];

const SCRIPT = resolve(process.cwd(), 'scripts/slurm');

/** Run `scripts/slurm <cluster> [--as user] <args...>` and return stdout (throws on failure). */
export function slurmCli(
  cluster: string,
  args: string[],
  options: { as?: string; timeoutMs?: number } = {},
): Promise<string> {
  const argv = [cluster, ...(options.as ? ['--as', options.as] : []), ...args];
  return new Promise((resolvePromise, reject) => {
    execFile(
      SCRIPT,
      argv,
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`scripts/slurm ${argv.join(' ')} failed: ${err.message}\n${stderr}`));
        } else {
          resolvePromise(stdout);
        }
      },
    );
  });
}

/** Submit with sbatch as `user` (`--parsable` is added) and return the job id. */
export async function sbatch(cluster: string, user: string, args: string[]): Promise<string> {
  const out = await slurmCli(cluster, ['sbatch', '--parsable', ...args], { as: user });
  const id = out.trim().split(';')[0];
  if (!/^\d+$/.test(id)) throw new Error(`sbatch printed no job id: ${out}`);
  return id;
}

/** Poll `fn` until it returns a truthy value; throws with the last value/error on timeout. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `waitFor timed out; last: ${last instanceof Error ? last.message : String(last)}`,
      );
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 500));
  }
}
