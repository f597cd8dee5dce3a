import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from './app-config.js';
import { ConfigError, type Environment } from './env-reader.js';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 's9s-config-'));
const keyFile = join(dir, 'jwt.key');
writeFileSync(keyFile, 'k'.repeat(32));
const scontrol = join(dir, 'scontrol');
writeFileSync(scontrol, '#!/bin/sh\n');
chmodSync(scontrol, 0o755);

const valid: Environment = {
  DATABASE_URL: 'postgres://s9s:s9s@127.0.0.1:5433/s9s',
  REDIS_URL: 'redis://127.0.0.1:6380',
  SLURM_CLUSTERS: 'main, legacy',
  SLURM_MAIN_URL: 'http://127.0.0.1:7820',
  SLURM_MAIN_JWT_KEY: keyFile,
  SLURM_LEGACY_URL: 'http://127.0.0.1:6820',
  SLURM_LEGACY_TOKEN: 'static-token',
  SLURM_LEGACY_USER: 'slurmadmin',
  SLURM_LEGACY_SCONTROL: scontrol,
  SLURM_LEGACY_TIMEOUT_MS: '5000',
  SLURM_LEGACY_PATH_ROOT: '/srv/legacy',
};

function issuesOf(env: Environment): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadConfig(valid);
    expect(config.http).toEqual({
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      logFormat: 'json',
      bodyLimitBytes: 1024 * 1024,
      hotReads: true,
    });
    expect(config.database.url).toBe(valid.DATABASE_URL);
    expect(config.redis.url).toBe(valid.REDIS_URL);
    expect(config.docs.redocScriptUrl).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/.*redoc/);
  });

  it('reads the clusters in order, the first being the default', () => {
    const { clusters } = loadConfig(valid);
    expect(clusters).toEqual([
      { name: 'main', url: 'http://127.0.0.1:7820', slurmUser: 'slurm', jwtKeyFile: keyFile },
      {
        name: 'legacy',
        url: 'http://127.0.0.1:6820',
        slurmUser: 'slurmadmin',
        token: 'static-token',
        pathRoot: '/srv/legacy',
        scontrol,
        timeoutMs: 5000,
      },
    ]);
  });

  it('names every bad variable at once', () => {
    const env = {
      ...valid,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      SLURM_MAIN_URL: 'not a url',
      SLURM_LEGACY_TIMEOUT_MS: '1.5',
    };
    expect(issuesOf(env)).toEqual([
      'PORT',
      'LOG_LEVEL',
      'DATABASE_URL',
      'SLURM_MAIN_URL',
      'SLURM_LEGACY_TIMEOUT_MS',
    ]);
  });

  it('requires the database, Redis and at least one cluster', () => {
    expect(issuesOf({})).toEqual(['DATABASE_URL', 'REDIS_URL', 'SLURM_CLUSTERS']);
  });

  it('requires a credential per cluster and checks that files exist', () => {
    const env: Environment = { ...valid, SLURM_MAIN_JWT_KEY: join(dir, 'missing.key') };
    delete env.SLURM_LEGACY_TOKEN;
    expect(issuesOf(env)).toEqual(['SLURM_MAIN_JWT_KEY', 'SLURM_LEGACY_JWT_KEY']);
  });

  it('rejects bad and duplicate cluster names', () => {
    expect(issuesOf({ ...valid, SLURM_CLUSTERS: 'main,Main!' })).toContain('SLURM_CLUSTERS');
    expect(issuesOf({ ...valid, SLURM_CLUSTERS: 'main,main' })).toEqual(['SLURM_CLUSTERS']);
  });

  it('maps cluster names with dashes to variable names', () => {
    const config = loadConfig({
      ...valid,
      SLURM_CLUSTERS: 'my-site',
      SLURM_MY_SITE_URL: 'https://slurm.example.org',
      SLURM_MY_SITE_TOKEN: 't',
    });
    expect(config.clusters.map((c) => c.url)).toEqual(['https://slurm.example.org']);
  });

  it('never prints a database password in its message', () => {
    try {
      loadConfig({ ...valid, DATABASE_URL: 'mysql://s9s:hunter2@db/s9s' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(String(error)).toContain('DATABASE_URL');
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('can read selected sections only (migration runner)', () => {
    const config = loadConfig({ DATABASE_URL: valid.DATABASE_URL }, ['database']);
    expect(Object.keys(config)).toEqual(['database']);
  });

  it('becomes an immutable AppConfig', () => {
    const config = new AppConfig(loadConfig(valid));
    expect(config.clusters[0].name).toBe('main');
    expect(Object.isFrozen(config)).toBe(true);
  });
});
