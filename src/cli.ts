/**
 * Administration CLI (no HTTP, no Redis: only Postgres).
 *
 *   node dist/src/cli.js create-admin --name ops [--reuse]
 *   node dist/src/cli.js create-client --name alice --role user --slurm-user alice
 *        [--tier free|pro|enterprise] [--custom-limit N] [--scopes "jobs:read jobs:write"] [--reuse]
 *   node dist/src/cli.js create-oauth-client --client alice [--name demo] [--scopes "..."] [--reuse]
 *
 * create-admin/create-client print the new API key; create-oauth-client prints
 * "<client_id> <client_secret>". Without --reuse an existing client name is an error; with it
 * the client is kept (role and Slurm user updated) and its credential of the same name
 * (--key-name, default "cli") is replaced, so a second demo run keeps working.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from './audit/audit-log.entity.js';
import { AuditService } from './audit/audit.service.js';
import { AdminService, type CacheInvalidator } from './auth/admin/admin.service.js';
import type { CreateClientDto } from './auth/admin/dto/client.dto.js';
import { ApiClientEntity } from './auth/entities/api-client.entity.js';
import { ApiKeyEntity } from './auth/entities/api-key.entity.js';
import { OAuthClientEntity } from './auth/entities/oauth-client.entity.js';
import { ROLES, SCOPES, TIERS, type Role, type Tier } from './auth/principal.js';
import { ApiError } from './common/errors/index.js';
import { ConfigError, processConfigSections } from './config/index.js';
import { dataSourceOptions } from './database/data-source-options.js';

type Options = Record<string, string | boolean | undefined>;

class UsageError extends Error {}

function text(options: Options, name: string, fallback?: string): string {
  const value = options[name];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new UsageError(`--${name} is required`);
}

function oneOf<T extends string>(
  options: Options,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = text(options, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function scopes(options: Options): string[] | undefined {
  const value = options.scopes;
  if (typeof value !== 'string') return undefined;
  const list = value.split(/[\s,]+/).filter((s) => s !== '');
  const unknown = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`unknown scope(s): ${unknown.join(', ')}`);
  return list;
}

/** Creates the client, or with --reuse updates the existing one. */
async function ensureClient(
  admin: AdminService,
  dto: CreateClientDto,
  reuse: boolean,
): Promise<ApiClientEntity> {
  const existing = await admin.getClient(dto.name).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
  if (existing === null) return admin.createClient(dto, null);
  if (!reuse)
    throw new UsageError(`client ${dto.name} already exists (use --reuse to issue a new key)`);
  return admin.updateClient(
    existing.id,
    {
      enabled: true,
      role: dto.role,
      slurm_user: dto.slurm_user,
      tier: dto.tier,
      scopes: dto.scopes,
    },
    null,
  );
}

async function createClientKey(
  admin: AdminService,
  dto: CreateClientDto,
  options: Options,
): Promise<string> {
  const client = await ensureClient(admin, dto, options.reuse === true);
  const keyName = text(options, 'key-name', 'cli');
  await admin.revokeKeysNamed(client, 'api_key', keyName, null);
  const { value } = await admin.createKey(client.id, 'api_key', { name: keyName }, null);
  return value;
}

async function run(command: string, options: Options, admin: AdminService): Promise<string> {
  switch (command) {
    case 'create-admin':
      return createClientKey(
        admin,
        {
          name: text(options, 'name'),
          role: 'admin',
          slurm_user: text(options, 'slurm-user', 'slurm'),
        },
        options,
      );
    case 'create-client': {
      const customLimit = options['custom-limit'];
      const dto: CreateClientDto = {
        name: text(options, 'name'),
        role: oneOf<Role>(options, 'role', ROLES, 'user'),
        slurm_user: text(options, 'slurm-user'),
        tier: oneOf<Tier>(options, 'tier', TIERS, 'free'),
        scopes: scopes(options),
      };
      if (typeof customLimit === 'string') dto.custom_limit = Number(customLimit);
      return createClientKey(admin, dto, options);
    }
    case 'create-oauth-client': {
      const client = await admin.getClient(text(options, 'client'));
      const name = text(options, 'name', 'cli');
      if (options.reuse === true) {
        const { oauthClients } = await admin.credentialsOf(client);
        for (const stale of oauthClients.filter((o) => o.name === name && o.revokedAt === null)) {
          await admin.revokeOAuthClient(stale.id, null);
        }
      }
      const { oauthClient, secret } = await admin.createOAuthClient(
        client.id,
        { name, scopes: scopes(options) },
        null,
      );
      return `${oauthClient.clientId} ${secret}`;
    }
    default:
      throw new UsageError(
        `unknown command "${command}" (create-admin, create-client, create-oauth-client)`,
      );
  }
}

const noCache: CacheInvalidator = {
  // New credentials are never cached; replaced ones stop working within the cache TTL.
  invalidate: () => Promise.resolve(),
};

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'slurm-user': { type: 'string' },
      tier: { type: 'string' },
      'custom-limit': { type: 'string' },
      scopes: { type: 'string' },
      client: { type: 'string' },
      'key-name': { type: 'string' },
      reuse: { type: 'boolean' },
    },
  });
  const { database } = processConfigSections(['database']);
  const dataSource = new DataSource({
    ...dataSourceOptions(database),
    entities: [ApiClientEntity, ApiKeyEntity, OAuthClientEntity, AuditLogEntity],
  });
  await dataSource.initialize();
  try {
    const admin = new AdminService(
      dataSource.getRepository(ApiClientEntity),
      dataSource.getRepository(ApiKeyEntity),
      dataSource.getRepository(OAuthClientEntity),
      noCache,
      new AuditService(dataSource.getRepository(AuditLogEntity)),
    );
    process.stdout.write(`${await run(positionals[0] ?? '', values, admin)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof UsageError || error instanceof ConfigError || error instanceof ApiError
      ? error.message
      : String(error);
  process.stderr.write(`s9s cli: ${message}\n`);
  process.exitCode = 1;
});
