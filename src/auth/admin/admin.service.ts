import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ApiError, ErrorCode } from '../../common/errors/index.js';
import {
  CREDENTIAL_PREFIXES,
  generateOAuthClientCredentials,
  generateSecret,
} from '../credentials/secret-format.js';
import { ApiClientEntity } from '../entities/api-client.entity.js';
import { ApiKeyEntity, type KeyKind } from '../entities/api-key.entity.js';
import { OAuthClientEntity } from '../entities/oauth-client.entity.js';
import { defaultScopesFor } from '../principal.factory.js';
import type { Principal } from '../principal.js';
import type {
  CreateClientDto,
  CreateKeyDto,
  CreateOAuthClientDto,
  UpdateClientDto,
} from './dto/client.dto.js';

/** Clears cached principals in every API process (AuthEventsService in the app). */
export interface CacheInvalidator {
  invalidate(): Promise<void>;
}
export const CACHE_INVALIDATOR = Symbol('CACHE_INVALIDATOR');

/** Who performs an admin action (null: the admin CLI on the server). */
export type Actor = Pick<Principal, 'id' | 'name'> | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}

/**
 * Principals and their credentials: create, list, change, disable, issue and revoke keys,
 * personal access tokens and OAuth clients. Secrets are returned once, at creation. Every
 * change is audited and clears the principal caches of all API processes.
 */
@Injectable()
export class AdminService {
  constructor(
    @InjectRepository(ApiClientEntity) private readonly clients: Repository<ApiClientEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectRepository(OAuthClientEntity)
    private readonly oauthClients: Repository<OAuthClientEntity>,
    @Inject(CACHE_INVALIDATOR) private readonly events: CacheInvalidator,
    private readonly audit: AuditService,
  ) {}

  async createClient(dto: CreateClientDto, actor: Actor): Promise<ApiClientEntity> {
    const client = this.clients.create({
      name: dto.name,
      role: dto.role,
      slurmUser: dto.slurm_user,
      slurmUsers: dto.slurm_users ?? {},
      tier: dto.tier ?? 'free',
      customLimit: dto.custom_limit ?? null,
      scopes: dto.scopes ?? defaultScopesFor(dto.role),
      certSubject: dto.cert_subject ?? null,
      enabled: true,
    });
    const saved = await this.save(
      () => this.clients.save(client),
      `Client ${dto.name} already exists (name or certificate subject)`,
    );
    await this.record(actor, 'admin.client.create', `client:${saved.name}`, {
      role: saved.role,
      slurm_user: saved.slurmUser,
    });
    return saved;
  }

  async listClients(): Promise<ApiClientEntity[]> {
    return this.clients.find({ order: { createdAt: 'ASC' } });
  }

  /** By uuid or by name. */
  async getClient(idOrName: string): Promise<ApiClientEntity> {
    const client = await this.clients.findOneBy(
      UUID.test(idOrName) ? { id: idOrName } : { name: idOrName },
    );
    if (client === null) throw ApiError.notFound('client', idOrName);
    return client;
  }

  async credentialsOf(
    client: ApiClientEntity,
  ): Promise<{ keys: ApiKeyEntity[]; oauthClients: OAuthClientEntity[] }> {
    const [keys, oauthClients] = await Promise.all([
      this.keys.find({ where: { clientId: client.id }, order: { createdAt: 'ASC' } }),
      this.oauthClients.find({ where: { apiClientId: client.id }, order: { createdAt: 'ASC' } }),
    ]);
    return { keys, oauthClients };
  }

  async updateClient(
    idOrName: string,
    dto: UpdateClientDto,
    actor: Actor,
  ): Promise<ApiClientEntity> {
    const client = await this.getClient(idOrName);
    if (dto.enabled !== undefined) client.enabled = dto.enabled;
    if (dto.role !== undefined) client.role = dto.role;
    if (dto.tier !== undefined) client.tier = dto.tier;
    if (dto.custom_limit !== undefined) client.customLimit = dto.custom_limit;
    if (dto.slurm_user !== undefined) client.slurmUser = dto.slurm_user;
    if (dto.slurm_users !== undefined) client.slurmUsers = dto.slurm_users;
    if (dto.scopes !== undefined) client.scopes = dto.scopes;
    if (dto.cert_subject !== undefined) client.certSubject = dto.cert_subject;
    const saved = await this.save(
      () => this.clients.save(client),
      `Certificate subject ${dto.cert_subject} is taken`,
    );
    await this.events.invalidate();
    const action = dto.enabled === false ? 'admin.client.disable' : 'admin.client.update';
    await this.record(actor, action, `client:${saved.name}`, { changes: dto });
    return saved;
  }

  /** A new API key (`s9sk_`) or personal access token (`s9sp_`); `value` is shown only now. */
  async createKey(
    idOrName: string,
    kind: KeyKind,
    dto: CreateKeyDto,
    actor: Actor,
  ): Promise<{ key: ApiKeyEntity; value: string }> {
    const client = await this.getClient(idOrName);
    this.checkScopes(client, dto.scopes);
    const secret = generateSecret(
      kind === 'api_key' ? CREDENTIAL_PREFIXES.apiKey : CREDENTIAL_PREFIXES.personalToken,
    );
    const seconds =
      dto.expires_in_seconds ??
      (dto.expires_in_days === undefined ? undefined : dto.expires_in_days * 86_400);
    const key = await this.keys.save(
      this.keys.create({
        clientId: client.id,
        kind,
        name: dto.name ?? null,
        lookup: secret.lookup,
        secretHash: secret.hash,
        scopes: dto.scopes ?? null,
        expiresAt: seconds === undefined ? null : new Date(Date.now() + seconds * 1000),
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    await this.record(
      actor,
      `admin.${kind === 'api_key' ? 'key' : 'token'}.create`,
      `client:${client.name}`,
      {
        key_id: key.id,
      },
    );
    return { key, value: secret.value };
  }

  async revokeKey(id: string, actor: Actor): Promise<ApiKeyEntity> {
    const key = UUID.test(id) ? await this.keys.findOneBy({ id }) : null;
    if (key === null) throw ApiError.notFound('key', id);
    key.revokedAt ??= new Date();
    const saved = await this.keys.save(key);
    await this.events.invalidate();
    await this.record(actor, 'admin.key.revoke', `key:${key.id}`, { client_id: key.clientId });
    return saved;
  }

  /** Revokes the client's keys of one kind and name (the CLI's --reuse regenerates them). */
  async revokeKeysNamed(
    client: ApiClientEntity,
    kind: KeyKind,
    name: string,
    actor: Actor,
  ): Promise<void> {
    const stale = await this.keys.findBy({ clientId: client.id, kind, name });
    for (const key of stale.filter((k) => k.revokedAt === null))
      await this.revokeKey(key.id, actor);
  }

  async createOAuthClient(
    idOrName: string,
    dto: CreateOAuthClientDto,
    actor: Actor,
  ): Promise<{ oauthClient: OAuthClientEntity; secret: string }> {
    const client = await this.getClient(idOrName);
    this.checkScopes(client, dto.scopes);
    const { clientId, secret } = generateOAuthClientCredentials();
    const oauthClient = await this.oauthClients.save(
      this.oauthClients.create({
        clientId,
        apiClientId: client.id,
        name: dto.name ?? null,
        secretHash: secret.hash,
        scopes: dto.scopes ?? client.scopes,
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    await this.record(actor, 'admin.oauth_client.create', `client:${client.name}`, {
      oauth_client_id: clientId,
    });
    return { oauthClient, secret: secret.value };
  }

  /** By uuid or by `s9so_` client id. */
  async revokeOAuthClient(id: string, actor: Actor): Promise<OAuthClientEntity> {
    const oauthClient = await this.oauthClients.findOneBy(
      UUID.test(id) ? { id } : { clientId: id },
    );
    if (oauthClient === null) throw ApiError.notFound('oauth_client', id);
    oauthClient.revokedAt ??= new Date();
    const saved = await this.oauthClients.save(oauthClient);
    await this.events.invalidate();
    await this.record(
      actor,
      'admin.oauth_client.revoke',
      `oauth_client:${oauthClient.clientId}`,
      {},
    );
    return saved;
  }

  private checkScopes(client: ApiClientEntity, scopes: string[] | undefined): void {
    const foreign = (scopes ?? []).filter((s) => !client.scopes.includes(s));
    if (foreign.length > 0) {
      throw ApiError.validation(
        'scopes',
        `client ${client.name} does not hold ${foreign.join(', ')}`,
      );
    }
  }

  private async save<T>(write: () => Promise<T>, conflict: string): Promise<T> {
    try {
      return await write();
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new ApiError(ErrorCode.RESOURCE_CONFLICT, conflict);
      throw error;
    }
  }

  private record(
    actor: Actor,
    action: string,
    target: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({
      principal: actor ?? { id: 'cli', name: 'cli' },
      action,
      target,
      result: 'success',
      details,
    });
  }
}
