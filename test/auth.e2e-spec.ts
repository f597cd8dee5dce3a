/**
 * Authentication end to end, against real API processes, Postgres and Redis: every way in
 * (API key, personal access token, OAuth client credentials as JSON and as a form, an external
 * OIDC token from a loopback JWKS, a client certificate over HTTPS), every way out (expired,
 * tampered, wrong audience, revoked, disabled → 401 with WWW-Authenticate; missing scope or
 * role → 403), and no secret in the servers' logs.
 */
import { spawnApi, startApi, type ApiServer } from './helpers/api-server.js';
import { createPki, httpsGet, type Pki } from './helpers/certificates.js';
import { client, expectEnvelope, type HttpResponse } from './helpers/http.js';
import { decodeJwt, startOidcIssuer, tamper, type OidcIssuer } from './helpers/jwt.js';
import { adminApi, createAdminKey, uniqueName, type AdminApi } from './helpers/principals.js';

let oidc: OidcIssuer;
let api: ApiServer;
/** A second process on the same Postgres/Redis whose tokens have another audience and live 10 s. */
let other: ApiServer;
let adminKey: string;
let admin: AdminApi;
/** Every secret used in this file, to look for in the captured logs at the end. */
const secrets: string[] = [];
const servers: ApiServer[] = [];

const keep = <T extends string>(secret: T): T => {
  secrets.push(secret);
  return secret;
};

function expect401(res: HttpResponse, reason: string): void {
  expectEnvelope(res, 401, 'AUTHENTICATION_FAILED');
  expect(res.body.error.details.reason).toBe(reason);
  expect(res.headers['www-authenticate']).toMatch(/^(Bearer|ApiKey) realm="s9s-api"/);
}

async function token(
  url: string,
  body: Record<string, string>,
  form = false,
): Promise<HttpResponse> {
  const http = client(url);
  if (!form) return http.post('/oauth/token', body);
  return http.post('/v1/oauth/token', undefined, {
    raw: new URLSearchParams(body).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

beforeAll(async () => {
  oidc = await startOidcIssuer();
  const oidcEnv = {
    AUTH_OIDC_ISSUER: oidc.issuer,
    AUTH_OIDC_AUDIENCE: oidc.audience,
    AUTH_OIDC_JWKS_URL: oidc.jwksUrl,
    AUTH_OIDC_USER_CLAIM: 'preferred_username',
    AUTH_OIDC_DEFAULT_SCOPES: 'jobs:read users:read',
    LOG_LEVEL: 'verbose',
  };
  [api, other] = await Promise.all([
    startApi(oidcEnv),
    startApi({ ...oidcEnv, AUTH_JWT_AUDIENCE: 'somewhere-else', AUTH_JWT_TTL_SECONDS: '10' }),
  ]);
  servers.push(api, other);
  adminKey = keep(await createAdminKey());
  admin = adminApi(api.url, adminKey);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await oidc?.close();
});

describe('API keys (X-API-Key)', () => {
  it('authenticate as the mapped Slurm user, also as a bearer token', async () => {
    const alice = await admin.principal('user', 'alice', { slurmUsers: { legacy: 'alice' } });
    keep(alice.apiKey);
    expect(alice.apiKey).toMatch(/^s9sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}$/);
    const me = await client(api.url, { apiKey: alice.apiKey }).get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: alice.id,
      name: alice.name,
      role: 'user',
      slurm_users: { main: 'alice', legacy: 'alice' },
      tier: 'free',
      rate_limit: 1000,
      auth_method: 'api_key',
    });
    expect(me.body.scopes).toEqual(expect.arrayContaining(['jobs:read', 'jobs:write']));
    const asBearer = await client(api.url, { bearer: alice.apiKey }).get('/v1/me');
    expect(asBearer.body).toMatchObject({ id: alice.id, auth_method: 'api_key' });
  });

  it('are stored only as a hash: the admin API shows the prefix, never the key', async () => {
    const bob = await admin.principal('user', 'bob');
    keep(bob.apiKey);
    const view = await admin.http.get(`/v1/admin/clients/${bob.id}`);
    expect(view.status).toBe(200);
    expect(view.body.keys).toEqual([
      expect.objectContaining({
        id: bob.keyId,
        kind: 'api_key',
        revoked_at: null,
        last_used_at: null,
      }),
    ]);
    expect(bob.apiKey.startsWith(view.body.keys[0].prefix)).toBe(true);
    expect(view.text).not.toContain(bob.apiKey.split('_')[2]);

    expect((await client(api.url, { apiKey: bob.apiKey }).get('/v1/me')).status).toBe(200);
    const lastUsed = async () =>
      (await admin.http.get(`/v1/admin/clients/${bob.id}`)).body.keys[0].last_used_at as
        string | null;
    for (let i = 0; i < 20 && (await lastUsed()) === null; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const at = Date.parse((await lastUsed()) ?? '');
    expect(Math.abs(Date.now() - at)).toBeLessThan(60_000);
  });

  it('fail with 401 when missing, malformed, unknown, expired or revoked', async () => {
    expect401(await client(api.url).get('/v1/me'), 'missing');
    expect401(await client(api.url, { apiKey: 'not-a-key' }).get('/v1/me'), 'invalid');
    const carol = await admin.principal('user', 'carol');
    keep(carol.apiKey);
    const forged = `${carol.apiKey.slice(0, -4)}AAAA`;
    expect401(await client(api.url, { apiKey: forged }).get('/v1/me'), 'invalid');

    const shortLived = await admin.apiKey(carol.id, { expires_in_seconds: 1 });
    keep(shortLived.key);
    await new Promise((r) => setTimeout(r, 1500));
    const expired = await client(api.url, { apiKey: shortLived.key }).get('/v1/me');
    expect401(expired, 'expired');
    expect(expired.headers['www-authenticate']).toBe('ApiKey realm="s9s-api", header="X-API-Key"');
  });

  it('stop working in every process as soon as they are revoked (cache invalidated through Redis)', async () => {
    const dave = await admin.principal('user', 'alice');
    keep(dave.apiKey);
    // Both processes have the key cached now.
    expect((await client(api.url, { apiKey: dave.apiKey }).get('/v1/me')).status).toBe(200);
    expect((await client(other.url, { apiKey: dave.apiKey }).get('/v1/me')).status).toBe(200);
    await admin.revokeKey(dave.keyId);
    expect401(await client(api.url, { apiKey: dave.apiKey }).get('/v1/me'), 'revoked');
    expect401(await client(other.url, { apiKey: dave.apiKey }).get('/v1/me'), 'revoked');
  });
});

describe('personal access tokens (Bearer, passport-http-bearer)', () => {
  it('authenticate, and fail once revoked', async () => {
    const alice = await admin.principal('user', 'alice');
    keep(alice.apiKey);
    const pat = await admin.personalToken(alice.id, { name: 'laptop', scopes: ['jobs:read'] });
    keep(pat.token);
    expect(pat.token).toMatch(/^s9sp_/);
    const me = await client(api.url, { bearer: pat.token }).get('/v1/me');
    expect(me.body).toMatchObject({
      id: alice.id,
      auth_method: 'personal_token',
      scopes: ['jobs:read'],
    });
    await admin.revokeKey(pat.id);
    const revoked = await client(api.url, { bearer: pat.token }).get('/v1/me');
    expect401(revoked, 'revoked');
    expect(revoked.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('are not taken from the query string', async () => {
    const alice = await admin.principal('user', 'alice');
    const pat = await admin.personalToken(alice.id);
    keep(pat.token);
    expect401(await client(api.url).get(`/v1/me?access_token=${pat.token}`), 'missing');
  });
});

describe('OAuth 2.0 client credentials (POST /oauth/token, RS256 JWT, passport-jwt)', () => {
  let ownerId: string;
  let oauth: { id: string; clientId: string; clientSecret: string };

  beforeAll(async () => {
    const owner = await admin.principal('user', 'alice', {
      scopes: ['jobs:read', 'jobs:write', 'users:read'],
    });
    keep(owner.apiKey);
    ownerId = owner.id;
    oauth = await admin.oauthClient(owner.id, ['jobs:read', 'jobs:write']);
    keep(oauth.clientSecret);
  });

  it('issues a bearer token for JSON parameters (RFC 6749 §4.4.3) that authenticates', async () => {
    const res = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'jobs:read jobs:write',
    });
    keep(res.body.access_token);
    const { header, payload } = decodeJwt(res.body.access_token);
    expect(header).toMatchObject({ alg: 'RS256' });
    expect(payload).toMatchObject({
      sub: ownerId,
      client_id: oauth.clientId,
      iss: 's9s-api',
      aud: 's9s-api',
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);

    const jwks = await client(api.url).get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kid: header.kid, kty: 'RSA', alg: 'RS256' }),
      ]),
    );
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d"|"p"|"q"/);

    const me = await client(api.url, { bearer: res.body.access_token }).get('/v1/me');
    expect(me.body).toMatchObject({
      id: ownerId,
      auth_method: 'oauth_token',
      scopes: ['jobs:read', 'jobs:write'],
    });
  });

  it('accepts a form-encoded request on /v1/oauth/token with a narrower scope, and HTTP Basic', async () => {
    const form = await token(
      api.url,
      {
        grant_type: 'client_credentials',
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        scope: 'jobs:read',
      },
      true,
    );
    expect(form.status).toBe(200);
    expect(form.body.scope).toBe('jobs:read');
    keep(form.body.access_token);
    expect(
      (await client(api.url, { bearer: form.body.access_token }).get('/v1/me')).body.scopes,
    ).toEqual(['jobs:read']);

    const basic = Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64');
    const viaBasic = await client(api.url).post('/oauth/token', undefined, {
      raw: 'grant_type=client_credentials',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
    });
    expect(viaBasic.status).toBe(200);
    keep(viaBasic.body.access_token);
  });

  it('answers RFC 6749 §5.2 errors', async () => {
    const bad = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: 's9ss_wrong',
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(bad.headers['www-authenticate']).toBe('Basic realm="s9s-api"');
    expect(bad.headers['cache-control']).toBe('no-store');

    const grant = await token(api.url, {
      grant_type: 'password',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    expect({ status: grant.status, error: grant.body.error }).toEqual({
      status: 400,
      error: 'unsupported_grant_type',
    });

    const scope = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      scope: 'jobs:read admin',
    });
    expect({ status: scope.status, error: scope.body.error }).toEqual({
      status: 400,
      error: 'invalid_scope',
    });

    const missing = await token(
      api.url,
      { client_id: oauth.clientId, client_secret: oauth.clientSecret },
      true,
    );
    expect({ status: missing.status, error: missing.body.error }).toEqual({
      status: 400,
      error: 'invalid_request',
    });
  });

  it('rejects tampered tokens and tokens for another audience', async () => {
    const res = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    keep(res.body.access_token);
    const widened = tamper(res.body.access_token, { scope: 'jobs:read jobs:write admin' });
    const tampered = await client(api.url, { bearer: widened }).get('/v1/me');
    expect401(tampered, 'invalid');
    expect(tampered.body.error.message).toContain('invalid signature');

    // Same signing key (shared through Postgres), other audience: valid there, refused here.
    const foreign = await token(other.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    keep(foreign.body.access_token);
    expect(decodeJwt(foreign.body.access_token).payload.aud).toBe('somewhere-else');
    expect(
      (await client(other.url, { bearer: foreign.body.access_token }).get('/v1/me')).status,
    ).toBe(200);
    const wrongAudience = await client(api.url, { bearer: foreign.body.access_token }).get(
      '/v1/me',
    );
    expect401(wrongAudience, 'invalid');
    expect(wrongAudience.body.error.message).toContain('audience');
  });

  it('rejects expired tokens', async () => {
    const res = await token(other.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    keep(res.body.access_token);
    expect(res.body.expires_in).toBe(10);
    expect((await client(other.url, { bearer: res.body.access_token }).get('/v1/me')).status).toBe(
      200,
    );
    await new Promise((r) => setTimeout(r, 11_000));
    const expired = await client(other.url, { bearer: res.body.access_token }).get('/v1/me');
    expect401(expired, 'expired');
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('stops issuing and accepting tokens when the OAuth client is revoked', async () => {
    const second = await admin.oauthClient(ownerId);
    keep(second.clientSecret);
    const res = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: second.clientId,
      client_secret: second.clientSecret,
    });
    keep(res.body.access_token);
    await admin.revokeOAuthClient(second.clientId);
    expect401(await client(api.url, { bearer: res.body.access_token }).get('/v1/me'), 'revoked');
    const again = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: second.clientId,
      client_secret: second.clientSecret,
    });
    expect({ status: again.status, error: again.body.error }).toEqual({
      status: 401,
      error: 'invalid_client',
    });
  });
});

describe('disabled clients', () => {
  it('fail with 401 for every credential of the client, and work again when re-enabled', async () => {
    const erin = await admin.principal('user', 'bob');
    keep(erin.apiKey);
    const oauth = await admin.oauthClient(erin.id);
    keep(oauth.clientSecret);
    const res = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    const accessToken = keep(res.body.access_token as string);
    expect((await client(other.url, { apiKey: erin.apiKey }).get('/v1/me')).status).toBe(200);

    await admin.setEnabled(erin.id, false);
    expect401(await client(api.url, { apiKey: erin.apiKey }).get('/v1/me'), 'disabled');
    expect401(await client(other.url, { apiKey: erin.apiKey }).get('/v1/me'), 'disabled');
    expect401(await client(api.url, { bearer: accessToken }).get('/v1/me'), 'disabled');
    const refused = await token(api.url, {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
    });
    expect(refused.status).toBe(401);

    await admin.setEnabled(erin.id, true);
    expect((await client(api.url, { apiKey: erin.apiKey }).get('/v1/me')).status).toBe(200);
  });
});

describe('external OIDC tokens (JWKS on loopback, jose)', () => {
  it('authenticate as the Slurm user named by the configured claim, with the default role and scopes', async () => {
    const idToken = keep(await oidc.sign({ sub: 'idp-carol', preferred_username: 'carol' }));
    const me = await client(api.url, { bearer: idToken }).get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: 'oidc:idp-carol',
      name: 'carol',
      role: 'user',
      scopes: ['jobs:read', 'users:read'],
      slurm_users: { main: 'carol', legacy: 'carol' },
      auth_method: 'oidc',
    });
    expect(oidc.jwksFetches()).toBeGreaterThan(0);
  });

  it('rejects wrong audience, expiry, a foreign signing key and a missing user claim', async () => {
    expect401(
      await client(api.url, {
        bearer: keep(
          await oidc.sign({ sub: 'x', preferred_username: 'carol' }, { audience: 'not-us' }),
        ),
      }).get('/v1/me'),
      'invalid',
    );
    expect401(
      await client(api.url, {
        bearer: keep(
          await oidc.sign({ sub: 'x', preferred_username: 'carol' }, { expiresInSeconds: -60 }),
        ),
      }).get('/v1/me'),
      'expired',
    );
    expect401(
      await client(api.url, {
        bearer: keep(await oidc.signWithForeignKey({ sub: 'x', preferred_username: 'carol' })),
      }).get('/v1/me'),
      'invalid',
    );
    expect401(
      await client(api.url, { bearer: keep(await oidc.sign({ sub: 'x' })) }).get('/v1/me'),
      'invalid',
    );
  });
});

describe('authorization', () => {
  it('answers 403 PERMISSION_DENIED when a scope is missing', async () => {
    const narrowAdmin = await admin.principal('admin', 'slurm');
    keep(narrowAdmin.apiKey);
    const readOnly = await admin.apiKey(narrowAdmin.id, { scopes: ['jobs:read'] });
    keep(readOnly.key);
    expect(
      (await client(api.url, { apiKey: narrowAdmin.apiKey }).get('/v1/admin/clients')).status,
    ).toBe(200);
    const denied = await client(api.url, { apiKey: readOnly.key }).get('/v1/admin/clients');
    expectEnvelope(denied, 403, 'PERMISSION_DENIED');
    expect(denied.body.error.details).toMatchObject({ missing_scopes: ['admin'] });
  });

  it('answers 403 when the role is insufficient, and audits the denied mutation', async () => {
    const mallory = await admin.principal('user', 'alice', { scopes: ['jobs:read', 'admin'] });
    keep(mallory.apiKey);
    const denied = await client(api.url, { apiKey: mallory.apiKey }).post('/v1/admin/clients', {
      name: uniqueName('sneaky'),
      role: 'admin',
      slurm_user: 'root',
    });
    expectEnvelope(denied, 403, 'PERMISSION_DENIED');
    expect(denied.body.error.details).toMatchObject({ required_role: 'admin', role: 'user' });
    const audit = await admin.http.get(`/v1/admin/audit?principal=${mallory.name}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        principal_id: mallory.id,
        action: 'http.post',
        target: '/v1/admin/clients',
        result: 'denied',
        request_id: denied.headers['x-request-id'],
      }),
    ]);
  });

  it('audits admin mutations with principal and request id', async () => {
    const created = await admin.http.post('/v1/admin/clients', {
      name: uniqueName('audited'),
      role: 'user',
      slurm_user: 'bob',
    });
    expect(created.status).toBe(201);
    const audit = await admin.http.get(`/v1/admin/audit?target=client:${created.body.name}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'admin.client.create',
        result: 'success',
        request_id: created.headers['x-request-id'],
      }),
    ]);
  });

  it('validates admin input and rejects duplicate names', async () => {
    const name = uniqueName('dup');
    expect(
      (await admin.http.post('/v1/admin/clients', { name, role: 'user', slurm_user: 'bob' }))
        .status,
    ).toBe(201);
    expectEnvelope(
      await admin.http.post('/v1/admin/clients', { name, role: 'user', slurm_user: 'bob' }),
      409,
      'RESOURCE_CONFLICT',
    );
    expectEnvelope(
      await admin.http.post('/v1/admin/clients', {
        name: uniqueName('x'),
        role: 'root',
        slurm_user: 'bob',
      }),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await admin.http.del('/v1/admin/keys/00000000-0000-4000-8000-000000000000'),
      404,
      'RESOURCE_NOT_FOUND',
    );
  });
});

describe('OpenAPI document', () => {
  it('shows the scopes and role each route requires, and the public token endpoints', async () => {
    const doc = (await client(api.url).get('/v1/openapi.json')).body;
    const createClient = doc.paths['/v1/admin/clients'].post;
    expect(createClient.security).toEqual([{ bearer: [] }, { apiKey: [] }, { oauth2: ['admin'] }]);
    expect(createClient['x-required-role']).toBe('admin');
    for (const path of ['/oauth/token', '/v1/oauth/token'])
      expect(doc.paths[path].post.security).toEqual([]);
    expect(doc.paths['/.well-known/jwks.json'].get.security).toEqual([]);
    expect(
      Object.keys(doc.components.securitySchemes.oauth2.flows.clientCredentials.scopes),
    ).toEqual(
      expect.arrayContaining([
        'jobs:read',
        'jobs:write',
        'nodes:read',
        'nodes:write',
        'users:read',
        'metrics:read',
        'exports',
        'reports',
        'admin',
      ]),
    );
  });
});

describe('client certificates (HTTPS with a client CA)', () => {
  let pki: Pki;
  let tlsUrl: string;
  let certClient: { id: string; name: string };

  beforeAll(async () => {
    pki = await createPki();
    const tls = await spawnApi({
      TLS_CERT_FILE: pki.serverCertFile,
      TLS_KEY_FILE: pki.serverKeyFile,
      TLS_CLIENT_CA_FILE: pki.caFile,
    });
    tlsUrl = `https://127.0.0.1:${tls.port}`;
    servers.push({
      url: tlsUrl,
      port: tls.port,
      pid: tls.child.pid ?? -1,
      output: tls.output,
      stop: async () => {
        tls.child.kill('SIGTERM');
        return tls.exited;
      },
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ready = await httpsGet(`${tlsUrl}/v1/status`, { ca: pki.ca }).catch(() => null);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`TLS API did not start:\n${tls.output()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const name = uniqueName('cert-alice');
    const created = await admin.http.post('/v1/admin/clients', {
      name,
      role: 'user',
      slurm_user: 'alice',
      cert_subject: name,
    });
    expect(created.status).toBe(201);
    certClient = { id: created.body.id, name };
  });

  afterAll(() => pki?.remove());

  it('authenticates a certificate signed by the client CA as the client with that subject', async () => {
    const me = await httpsGet(`${tlsUrl}/v1/me`, {
      ca: pki.ca,
      ...(await pki.client(certClient.name)),
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: certClient.id,
      name: certClient.name,
      auth_method: 'certificate',
      slurm_users: { main: 'alice' },
    });
    expect(me.headers['x-ratelimit-limit']).toBe('1000');
  });

  it('refuses a self-signed certificate with the same subject, an unknown subject, and no certificate', async () => {
    const impostor = await httpsGet(`${tlsUrl}/v1/me`, {
      ca: pki.ca,
      ...(await pki.impostor(certClient.name)),
    });
    expect({ status: impostor.status, reason: impostor.body.error?.details?.reason }).toEqual({
      status: 401,
      reason: 'invalid',
    });
    expect(impostor.headers['www-authenticate']).toBeDefined();
    const stranger = await httpsGet(`${tlsUrl}/v1/me`, {
      ca: pki.ca,
      ...(await pki.client(uniqueName('nobody'))),
    });
    expect({ status: stranger.status, reason: stranger.body.error?.details?.reason }).toEqual({
      status: 401,
      reason: 'invalid',
    });
    const none = await httpsGet(`${tlsUrl}/v1/me`, { ca: pki.ca });
    expect({ status: none.status, reason: none.body.error?.details?.reason }).toEqual({
      status: 401,
      reason: 'missing',
    });
  });

  it('refuses the certificate of a disabled client', async () => {
    const name = uniqueName('cert-bob');
    const created = await admin.http.post('/v1/admin/clients', {
      name,
      role: 'user',
      slurm_user: 'bob',
      cert_subject: name,
    });
    await admin.setEnabled(created.body.id, false);
    const res = await httpsGet(`${tlsUrl}/v1/me`, { ca: pki.ca, ...(await pki.client(name)) });
    expect({ status: res.status, reason: res.body.error?.details?.reason }).toEqual({
      status: 401,
      reason: 'disabled',
    });
  });
});

describe('secrets in logs', () => {
  it('never writes keys, tokens or client secrets to the servers output', async () => {
    // One more request carrying every kind of secret in headers, body and query string.
    const alice = await admin.principal('user', 'alice');
    keep(alice.apiKey);
    const oauth = await admin.oauthClient(alice.id);
    keep(oauth.clientSecret);
    await client(api.url, { apiKey: alice.apiKey }).get(`/v1/nosuch?token=${alice.apiKey}`);
    await token(
      api.url,
      {
        grant_type: 'client_credentials',
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
      },
      true,
    );
    await client(api.url).post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: `${oauth.clientSecret}x`,
    });

    const output = servers.map((server) => server.output()).join('\n');
    expect(output.length).toBeGreaterThan(1000); // the servers did log (access log at least)
    expect(output).toContain('/v1/me');
    expect(secrets.length).toBeGreaterThan(5);
    // For s9s credentials the secret part alone must not show up either.
    const needles = (secret: string) =>
      /^s9s[kps]_/.test(secret) ? [secret, secret.split('_')[2]] : [secret];
    const leaked = secrets.filter((secret) =>
      needles(secret).some((needle) => output.includes(needle)),
    );
    expect(leaked).toEqual([]);
  });
});
