import { execFile } from 'node:child_process';
import { errorNumberFromText, kindFromErrorNumber } from '../../errors/errno-kinds.js';
import type { NodeUpdate } from '../../model/node.js';
import type { SlurmWriteResult } from '../../model/requests.js';
import { SlurmError } from '../../slurm.error.js';

/** Node names and job ids as Slurm writes them; anything else never reaches the CLI. */
const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const JOB_ID = /^\d+(_\d+)?$/;

export interface ScontrolRunner {
  (file: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }>;
}

/** execFile, no shell: each argument reaches scontrol as it is. */
export const execScontrol: ScontrolRunner = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const failure: Error = Object.assign(err, { stdout, stderr });
        reject(failure);
      } else resolve({ stdout, stderr });
    });
  });

/**
 * The one place where the gateway changes Slurm without slurmrestd: node state on Slurm
 * 22.05 (v0.0.38 has no node update route) and job requeue (no REST route in any version),
 * through the `scontrol` configured for the cluster, run on the gateway host.
 *
 * scontrol runs with the gateway host's Slurm identity, so the caller (ClusterClient)
 * checks first that the acting user may do what it asks, as slurmctld would.
 */
export class ScontrolFallback {
  constructor(
    private readonly cluster: string,
    private readonly scontrol: string,
    private readonly timeoutMs: number,
    private readonly run: ScontrolRunner = execScontrol,
  ) {}

  async updateNode(name: string, update: NodeUpdate): Promise<SlurmWriteResult> {
    if (!NODE_NAME.test(name)) {
      throw this.error('not_found', `Invalid node name specified: ${name}`, 2018);
    }
    const args = ['update', `nodename=${name}`, `state=${update.state}`];
    if (update.reason !== undefined) args.push(`reason=${update.reason}`);
    return this.exec(args);
  }

  async requeueJob(id: string): Promise<SlurmWriteResult> {
    if (!JOB_ID.test(id)) throw this.error('not_found', `Invalid job id specified: ${id}`, 2017);
    return this.exec(['requeue', id]);
  }

  private async exec(args: string[]): Promise<SlurmWriteResult> {
    try {
      const { stdout, stderr } = await this.run(this.scontrol, args, this.timeoutMs);
      const notes = `${stdout}\n${stderr}`.trim();
      return { warnings: notes ? [notes] : [] };
    } catch (err) {
      const e = err as NodeJS.ErrnoException & {
        stderr?: string;
        stdout?: string;
        killed?: boolean;
      };
      const text = `${e.stderr ?? ''}\n${e.stdout ?? ''}`.trim();
      if (e.code === 'ENOENT' || e.code === 'EACCES') {
        throw this.error(
          'internal',
          `scontrol fallback not runnable: ${this.scontrol} (${e.code})`,
          null,
        );
      }
      if (e.killed) {
        throw this.error(
          'unavailable',
          `scontrol did not finish within ${this.timeoutMs} ms`,
          null,
        );
      }
      const errorNumber = errorNumberFromText(text);
      const kind =
        kindFromErrorNumber(errorNumber) ??
        (/valid states|invalid input|must specify/i.test(text) ? 'invalid' : 'internal');
      throw this.error(kind, text || `scontrol ${args[0]} failed`, errorNumber);
    }
  }

  private error(kind: SlurmError['kind'], message: string, errorNumber: number | null): SlurmError {
    return new SlurmError({ kind, message, cluster: this.cluster, errorNumber });
  }
}
