import { toIso } from '../../common/format/index.js';
import type { AuditLogEntity } from '../../audit/audit-log.entity.js';
import type { ApiClientEntity } from '../entities/api-client.entity.js';
import type { ApiKeyEntity } from '../entities/api-key.entity.js';
import type { OAuthClientEntity } from '../entities/oauth-client.entity.js';
import { limitForTier, type TierLimits } from '../principal.factory.js';

const iso = (date: Date | null): string | null =>
  date === null ? null : toIso(date.getTime() / 1000);

export function clientView(client: ApiClientEntity, limits: TierLimits) {
  return {
    id: client.id,
    name: client.name,
    role: client.role,
    slurm_user: client.slurmUser,
    slurm_users: client.slurmUsers,
    tier: client.tier,
    custom_limit: client.customLimit,
    rate_limit: limitForTier(client.tier, client.customLimit, limits),
    enabled: client.enabled,
    scopes: client.scopes,
    cert_subject: client.certSubject,
    created_at: iso(client.createdAt),
    updated_at: iso(client.updatedAt),
  };
}

/** A key or token without its secret (which is never stored). */
export function keyView(key: ApiKeyEntity) {
  return {
    id: key.id,
    client_id: key.clientId,
    kind: key.kind,
    name: key.name,
    prefix: `${key.kind === 'api_key' ? 's9sk' : 's9sp'}_${key.lookup}`,
    scopes: key.scopes,
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
    last_used_at: iso(key.lastUsedAt),
    created_at: iso(key.createdAt),
  };
}

export function oauthClientView(client: OAuthClientEntity) {
  return {
    id: client.id,
    client_id: client.clientId,
    api_client_id: client.apiClientId,
    name: client.name,
    scopes: client.scopes,
    revoked_at: iso(client.revokedAt),
    last_used_at: iso(client.lastUsedAt),
    created_at: iso(client.createdAt),
  };
}

export function auditView(row: AuditLogEntity) {
  return {
    id: row.id,
    at: iso(row.at),
    principal_id: row.principalId,
    principal_name: row.principalName,
    slurm_user: row.slurmUser,
    cluster: row.cluster,
    action: row.action,
    target: row.target,
    result: row.result,
    request_id: row.requestId,
    details: row.details,
  };
}
