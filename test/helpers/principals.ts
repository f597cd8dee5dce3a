/**
 * Principals for e2e specs: an admin key made with the real CLI against the test database,
 * and an admin API client that creates clients and their credentials over HTTP.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { distDir } from './api-server.js';
import { client, type HttpClient } from './http.js';

const run = promisify(execFile);

export type Role = 'user' | 'operator' | 'admin';
export type Tier = 'free' | 'pro' | 'enterprise';

/** Unique names, so specs (and repeated runs) never collide on the shared test database. */
export function uniqueName(base: string): string {
  return `${base}-${randomBytes(4).toString('hex')}`;
}

/** Runs `node dist/src/cli.js <args>` with the test environment; resolves with its stdout. */
export async function cli(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [resolve(distDir(), 'src/cli.js'), ...args], {
    env: process.env,
    timeout: 60_000,
  });
  return stdout.trim();
}

/** A new admin client (role admin, every scope) and its API key, through the admin CLI. */
export async function createAdminKey(name = uniqueName('e2e-admin')): Promise<string> {
  return cli(['create-admin', '--name', name]);
}

export interface PrincipalOptions {
  scopes?: string[];
  tier?: Tier;
  customLimit?: number;
  name?: string;
  slurmUsers?: Record<string, string>;
  certSubject?: string;
}

export interface CreatedPrincipal {
  id: string;
  name: string;
  apiKey: string;
  /** Id of the API key (for revocation). */
  keyId: string;
}

function expectStatus(res: { status: number; text: string }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
}

export interface AdminApi {
  http: HttpClient;
  principal(role: Role, slurmUser: string, options?: PrincipalOptions): Promise<CreatedPrincipal>;
  apiKey(clientId: string, body?: Record<string, unknown>): Promise<{ id: string; key: string }>;
  personalToken(
    clientId: string,
    body?: Record<string, unknown>,
  ): Promise<{ id: string; token: string }>;
  oauthClient(
    clientId: string,
    scopes?: string[],
  ): Promise<{ id: string; clientId: string; clientSecret: string }>;
  setEnabled(clientId: string, enabled: boolean): Promise<void>;
  revokeKey(keyId: string): Promise<void>;
  revokeOAuthClient(id: string): Promise<void>;
}

export function adminApi(url: string, adminKey: string): AdminApi {
  const http = client(url, { apiKey: adminKey });
  const api: AdminApi = {
    http,
    async principal(role, slurmUser, options = {}) {
      const body: Record<string, unknown> = {
        name: options.name ?? uniqueName(`${role}-${slurmUser}`),
        role,
        slurm_user: slurmUser,
      };
      if (options.scopes) body.scopes = options.scopes;
      if (options.tier) body.tier = options.tier;
      if (options.customLimit !== undefined) body.custom_limit = options.customLimit;
      if (options.slurmUsers) body.slurm_users = options.slurmUsers;
      if (options.certSubject) body.cert_subject = options.certSubject;
      const created = await http.post('/v1/admin/clients', body);
      expectStatus(created, 201, 'create client');
      const key = await api.apiKey(created.body.id as string);
      return { id: created.body.id, name: created.body.name, apiKey: key.key, keyId: key.id };
    },
    async apiKey(clientId, body = {}) {
      const res = await http.post(`/v1/admin/clients/${clientId}/keys`, body);
      expectStatus(res, 201, 'create key');
      return { id: res.body.id, key: res.body.key };
    },
    async personalToken(clientId, body = {}) {
      const res = await http.post(`/v1/admin/clients/${clientId}/tokens`, body);
      expectStatus(res, 201, 'create token');
      return { id: res.body.id, token: res.body.token };
    },
    async oauthClient(clientId, scopes) {
      const res = await http.post(
        `/v1/admin/clients/${clientId}/oauth-clients`,
        scopes ? { scopes } : {},
      );
      expectStatus(res, 201, 'create oauth client');
      return {
        id: res.body.id,
        clientId: res.body.client_id,
        clientSecret: res.body.client_secret,
      };
    },
    async setEnabled(clientId, enabled) {
      expectStatus(
        await http.patch(`/v1/admin/clients/${clientId}`, { enabled }),
        200,
        'update client',
      );
    },
    async revokeKey(keyId) {
      expectStatus(await http.del(`/v1/admin/keys/${keyId}`), 200, 'revoke key');
    },
    async revokeOAuthClient(id) {
      expectStatus(await http.del(`/v1/admin/oauth-clients/${id}`), 200, 'revoke oauth client');
    },
  };
  return api;
}
