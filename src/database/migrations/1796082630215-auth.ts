import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Principals (API clients) and their credentials, the gateway's JWT signing keys, and the
 * audit log. Secrets are never stored: keys, tokens and OAuth client secrets only as the
 * SHA-256 of their secret part, found through an indexed public lookup part.
 */
export class Auth1796082630215 implements MigrationInterface {
  name = 'Auth1796082630215';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('user', 'operator', 'admin')),
        slurm_user text NOT NULL,
        slurm_users jsonb NOT NULL DEFAULT '{}'::jsonb,
        tier text NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'pro', 'enterprise')),
        custom_limit integer CHECK (custom_limit IS NULL OR custom_limit > 0),
        enabled boolean NOT NULL DEFAULT true,
        scopes text[] NOT NULL DEFAULT '{}',
        cert_subject text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES api_clients(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('api_key', 'personal_token')),
        name text,
        lookup text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        scopes text[],
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX api_keys_client_id ON api_keys (client_id)');
    await q.query(`
      CREATE TABLE oauth_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL UNIQUE,
        api_client_id uuid NOT NULL REFERENCES api_clients(id) ON DELETE CASCADE,
        name text,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX oauth_clients_api_client_id ON oauth_clients (api_client_id)');
    await q.query(`
      CREATE TABLE auth_signing_keys (
        kid text PRIMARY KEY,
        private_key_pem text NOT NULL,
        public_key_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        principal_id text,
        principal_name text,
        slurm_user text,
        cluster text,
        action text NOT NULL,
        target text NOT NULL,
        result text NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query('CREATE INDEX audit_log_at ON audit_log (at)');
    await q.query('CREATE INDEX audit_log_principal_id ON audit_log (principal_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE auth_signing_keys');
    await q.query('DROP TABLE oauth_clients');
    await q.query('DROP TABLE api_keys');
    await q.query('DROP TABLE api_clients');
  }
}
