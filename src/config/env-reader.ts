/**
 * Typed access to environment variables that collects every problem instead of stopping
 * at the first one, so a misconfigured deployment learns about all bad variables at once.
 */
export type Environment = Record<string, string | undefined>;

export interface ConfigIssue {
  variable: string;
  problem: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

interface IntOptions {
  min?: number;
  max?: number;
}

export class EnvReader {
  private readonly found: ConfigIssue[] = [];

  constructor(private readonly env: Environment) {}

  get issues(): readonly ConfigIssue[] {
    return this.found;
  }

  fail(variable: string, problem: string): void {
    this.found.push({ variable, problem });
  }

  /** The trimmed value, or undefined when unset or empty. */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  required(name: string, hint = 'is required'): string {
    const value = this.optional(name);
    if (value === undefined) this.fail(name, hint);
    return value ?? '';
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER }: IntOptions = {}) {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.fail(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  optionalInt(name: string, options: IntOptions = {}): number | undefined {
    return this.optional(name) === undefined ? undefined : this.int(name, 0, options);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.fail(name, `must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.fail(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** A URL whose scheme is one of `protocols` (e.g. ['postgres:', 'postgresql:']). */
  url(name: string, protocols: readonly string[], fallback?: string): string {
    const raw = fallback === undefined ? this.required(name) : this.string(name, fallback);
    if (raw === '') return raw;
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !protocols.includes(parsed.protocol)) {
      this.fail(
        name,
        `must be a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL (got "${redactUrl(raw)}")`,
      );
    }
    return raw;
  }

  /** A comma-separated list with blanks dropped. */
  list(name: string): string[] {
    return (this.optional(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}

/** Hides the password of a URL so a configuration error never prints a secret. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}
