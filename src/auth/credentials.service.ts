import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/index.js';
import { AuthEventsService } from './auth-events.service.js';
import { parseSecret, secretMatches, type CredentialPrefix } from './credentials/secret-format.js';
import { ApiClientEntity } from './entities/api-client.entity.js';
import { ApiKeyEntity, type KeyKind } from './entities/api-key.entity.js';
import { OAuthClientEntity } from './entities/oauth-client.entity.js';
import { BoundedTtlCache } from '../common/cache/bounded-ttl-cache.js';
import { principalFromClient, type CredentialUse } from './principal.factory.js';
import type { Principal } from './principal.js';
import type { GatewayTokenClaims } from './strategies/gateway-jwt.strategy.js';

export type FailureReason = 'invalid' | 'expired' | 'revoked' | 'disabled';

export type Verification =
  { ok: true; principal: Principal } | { ok: false; reason: FailureReason; message: string };

export type OAuthClientVerification =
  | { ok: true; oauthClient: OAuthClientEntity; client: ApiClientEntity }
  | { ok: false; message: string };

interface KeyRecord {
  key: ApiKeyEntity;
  client: ApiClientEntity;
}

const LAST_USED_EVERY_MS = 60_000;

const fail = (reason: FailureReason, message: string): Verification => ({
  ok: false,
  reason,
  message,
});

/**
 * Checks presented credentials against Postgres: API keys, personal access tokens, the claims
 * of gateway tokens, certificate subjects and OAuth client secrets. Rows are cached per
 * process for a few seconds; admin changes clear every process's cache (AuthEventsService).
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);
  private readonly keys: BoundedTtlCache<KeyRecord | null>;
  private readonly clients: BoundedTtlCache<ApiClientEntity | null>;
  private readonly oauthClients: BoundedTtlCache<OAuthClientEntity | null>;
  private readonly certSubjects: BoundedTtlCache<ApiClientEntity | null>;
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    events: AuthEventsService,
    @InjectRepository(ApiClientEntity) private readonly clientRepo: Repository<ApiClientEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keyRepo: Repository<ApiKeyEntity>,
    @InjectRepository(OAuthClientEntity) private readonly oauthRepo: Repository<OAuthClientEntity>,
  ) {
    const ttl = config.auth.principalCacheSeconds * 1000;
    this.keys = new BoundedTtlCache(ttl);
    this.clients = new BoundedTtlCache(ttl);
    this.oauthClients = new BoundedTtlCache(ttl);
    this.certSubjects = new BoundedTtlCache(ttl);
    events.onInvalidate(() => this.clearCaches());
  }

  clearCaches(): void {
    this.keys.clear();
    this.clients.clear();
    this.oauthClients.clear();
    this.certSubjects.clear();
  }

  /** An `s9sk_` API key or an `s9sp_` personal access token. */
  async verifyKey(value: string, kind: KeyKind): Promise<Verification> {
    const prefix: CredentialPrefix = kind === 'api_key' ? 's9sk' : 's9sp';
    const label = kind === 'api_key' ? 'API key' : 'Personal access token';
    const parsed = parseSecret(value, prefix);
    if (parsed === null) return fail('invalid', `Invalid ${label}`);
    const record = await this.keys.getOrLoad(parsed.lookup, () => this.loadKey(parsed.lookup));
    // The hash is compared even for a cached row: the cache is keyed by the public lookup part.
    if (
      record === null ||
      record.key.kind !== kind ||
      !secretMatches(parsed.secret, record.key.secretHash)
    ) {
      return fail('invalid', `Invalid ${label}`);
    }
    const { key, client } = record;
    if (key.revokedAt !== null) return fail('revoked', `${label} revoked`);
    if (key.expiresAt !== null && key.expiresAt.getTime() <= Date.now()) {
      return fail('expired', `${label} expired`);
    }
    if (!client.enabled) return fail('disabled', `Client ${client.name} is disabled`);
    this.touch(key.id, this.keyRepo);
    const method = kind === 'api_key' ? 'api_key' : 'personal_token';
    return this.accept(client, { method, credentialId: key.id, scopes: key.scopes });
  }

  /** The claims of a gateway token whose signature, issuer, audience and expiry passed. */
  async verifyGatewayClaims(claims: GatewayTokenClaims): Promise<Verification> {
    const oauthClient = await this.oauthClient(claims.client_id);
    if (oauthClient === null || oauthClient.apiClientId !== claims.sub) {
      return fail('invalid', 'Invalid access token');
    }
    if (oauthClient.revokedAt !== null) return fail('revoked', 'OAuth client revoked');
    const client = await this.client(claims.sub);
    if (client === null) return fail('invalid', 'Invalid access token');
    if (!client.enabled) return fail('disabled', `Client ${client.name} is disabled`);
    const tokenScopes = claims.scope.split(' ').filter((s) => oauthClient.scopes.includes(s));
    return this.accept(client, {
      method: 'oauth_token',
      credentialId: oauthClient.id,
      scopes: tokenScopes,
    });
  }

  /** The subject CN of a client certificate the TLS layer verified against the client CA. */
  async verifyCertificateSubject(subject: string): Promise<Verification> {
    const client = await this.certSubjects.getOrLoad(subject, () =>
      this.clientRepo.findOneBy({ certSubject: subject }),
    );
    if (client === null) return fail('invalid', `No client for certificate subject ${subject}`);
    if (!client.enabled) return fail('disabled', `Client ${client.name} is disabled`);
    return this.accept(client, { method: 'certificate', scopes: null });
  }

  /** Client authentication of the token endpoint (RFC 6749 §2.3.1). */
  async verifyOAuthClient(clientId: string, secret: string): Promise<OAuthClientVerification> {
    const oauthClient = await this.oauthClient(clientId);
    const parsed = parseSecret(secret, 's9ss');
    if (
      oauthClient === null ||
      parsed === null ||
      !secretMatches(parsed.secret, oauthClient.secretHash)
    ) {
      return { ok: false, message: 'Client authentication failed' };
    }
    if (oauthClient.revokedAt !== null) return { ok: false, message: 'Client revoked' };
    const client = await this.client(oauthClient.apiClientId);
    if (client === null || !client.enabled) return { ok: false, message: 'Client disabled' };
    this.touch(oauthClient.id, this.oauthRepo);
    return { ok: true, oauthClient, client };
  }

  private accept(client: ApiClientEntity, use: CredentialUse): Verification {
    return { ok: true, principal: principalFromClient(client, use, this.config.rateLimit) };
  }

  private client(id: string): Promise<ApiClientEntity | null> {
    return this.clients.getOrLoad(id, () => this.clientRepo.findOneBy({ id }));
  }

  private oauthClient(clientId: string): Promise<OAuthClientEntity | null> {
    return this.oauthClients.getOrLoad(clientId, () => this.oauthRepo.findOneBy({ clientId }));
  }

  private async loadKey(lookup: string): Promise<KeyRecord | null> {
    const key = await this.keyRepo.findOneBy({ lookup });
    if (key === null) return null;
    const client = await this.clientRepo.findOneBy({ id: key.clientId });
    return client === null ? null : { key, client };
  }

  /** last_used_at, written at most once a minute per credential (per process, and in SQL across them). */
  private touch(id: string, repo: Repository<ApiKeyEntity> | Repository<OAuthClientEntity>): void {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
    this.touched.set(id, now);
    repo
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :id', { id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute()
      .catch((error: unknown) =>
        this.logger.warn(`could not record credential use: ${String(error)}`),
      );
  }
}
