import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Supplies the X-SLURM-USER-TOKEN value for the service user. */
export interface TokenSource {
  token(): Promise<string>;
  /** Forget a cached token (after slurmrestd rejected it). */
  invalidate(): void;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** An HS256 JWT as slurmctld's auth/jwt plugin expects: payload {iat, exp, sun}. */
export function signSlurmJwt(
  key: Buffer,
  user: string,
  issuedAt: number,
  lifetimeSeconds: number,
): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iat: issuedAt, exp: issuedAt + lifetimeSeconds, sun: user }),
  );
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Mints short-lived tokens from the cluster's JWT key file and caches each one until
 * about 80 % of its life has passed. The key file is re-read for every new token, so a
 * rotated key is picked up without a restart.
 */
export class JwtKeyTokenSource implements TokenSource {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly keyFile: string,
    private readonly user: string,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async token(): Promise<string> {
    const now = this.now();
    if (this.cached && now < this.cached.renewAt) return this.cached.token;
    // Single flight: concurrent callers share one key read.
    this.pending ??= this.mint(now).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(): void {
    this.cached = null;
  }

  private async mint(now: number): Promise<string> {
    const key = await readFile(this.keyFile);
    const token = signSlurmJwt(key, this.user, now, this.lifetimeSeconds);
    this.cached = { token, renewAt: now + Math.floor(this.lifetimeSeconds * 0.8) };
    return token;
  }
}

/** A token given in configuration (no key file available). */
export class StaticTokenSource implements TokenSource {
  constructor(private readonly value: string) {}

  token(): Promise<string> {
    return Promise.resolve(this.value);
  }

  invalidate(): void {
    // A static token cannot be renewed.
  }
}
