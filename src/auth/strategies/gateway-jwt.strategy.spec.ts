import {
  generateKeyPairPem,
  publicJwk,
  signAccessToken,
  signingKeyFromPem,
  type SigningKey,
} from '../jwt/signing-key.js';
import { createGatewayJwtStrategy, type GatewayTokenClaims } from './gateway-jwt.strategy.js';
import { runStrategy } from './run-strategy.js';

const settings = { issuer: 's9s-api', audience: 's9s-api', ttlSeconds: 3600 };
const claims = { subject: 'client-1', clientId: 's9so_abc', scopes: ['jobs:read', 'jobs:write'] };

describe('gateway JWT (jose signing, passport-jwt validation)', () => {
  let key: SigningKey;
  let otherKey: SigningKey;

  beforeAll(async () => {
    key = await signingKeyFromPem(generateKeyPairPem());
    otherKey = await signingKeyFromPem(generateKeyPairPem());
  });

  const strategy = (keys: SigningKey[] = [key], audience = settings.audience) =>
    createGatewayJwtStrategy({
      issuer: settings.issuer,
      audience,
      publicKeyFor: (kid) => keys.find((k) => k.kid === kid)?.publicKeyPem,
    });

  it('accepts a fresh token and returns its claims', async () => {
    const token = await signAccessToken(key, claims, settings);
    const outcome = await runStrategy<GatewayTokenClaims>(strategy(), `Bearer ${token}`);
    expect(outcome.kind).toBe('success');
    if (outcome.kind !== 'success') return;
    expect(outcome.user).toMatchObject({
      sub: 'client-1',
      client_id: 's9so_abc',
      scope: 'jobs:read jobs:write',
    });
    expect(outcome.user.exp - outcome.user.iat).toBe(3600);
  });

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const token = await signAccessToken(key, claims, settings, past);
    expect(await runStrategy(strategy(), `Bearer ${token}`)).toEqual({
      kind: 'fail',
      reason: 'jwt expired',
    });
  });

  it('rejects a tampered payload (scope widened after signing)', async () => {
    const token = await signAccessToken(key, claims, settings);
    const [header, payload, signature] = token.split('.');
    const widened = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    widened.scope = 'admin';
    const forged = [
      header,
      Buffer.from(JSON.stringify(widened)).toString('base64url'),
      signature,
    ].join('.');
    expect(await runStrategy(strategy(), `Bearer ${forged}`)).toEqual({
      kind: 'fail',
      reason: 'invalid signature',
    });
  });

  it('rejects a token for another audience or from another issuer', async () => {
    const token = await signAccessToken(key, claims, { ...settings, audience: 'someone-else' });
    const wrongAud = await runStrategy(strategy(), `Bearer ${token}`);
    expect(wrongAud).toMatchObject({
      kind: 'fail',
      reason: expect.stringContaining('audience invalid'),
    });
    const foreign = await signAccessToken(key, claims, { ...settings, issuer: 'evil' });
    expect(await runStrategy(strategy(), `Bearer ${foreign}`)).toMatchObject({
      kind: 'fail',
      reason: expect.stringContaining('issuer invalid'),
    });
  });

  it('rejects a token signed by a key the gateway does not publish, and accepts it once published', async () => {
    const token = await signAccessToken(otherKey, claims, settings);
    expect(await runStrategy(strategy(), `Bearer ${token}`)).toEqual({
      kind: 'fail',
      reason: 'token signed with an unknown key',
    });
    expect((await runStrategy(strategy([key, otherKey]), `Bearer ${token}`)).kind).toBe('success');
  });

  it('rejects an unsigned (alg none) token and garbage', async () => {
    const none = [
      Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          sub: 'x',
          client_id: 'y',
          scope: 'admin',
          iss: 's9s-api',
          aud: 's9s-api',
        }),
      ).toString('base64url'),
      '',
    ].join('.');
    expect((await runStrategy(strategy(), `Bearer ${none}`)).kind).toBe('fail');
    expect((await runStrategy(strategy(), 'Bearer not.a.jwt')).kind).toBe('fail');
    expect((await runStrategy(strategy(), '')).kind).toBe('fail');
  });

  it('publishes the key as an RS256 JWK named by its kid', async () => {
    const jwk = await publicJwk(key);
    expect(jwk).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
  });

  it('refuses a public key that does not belong to the private key', async () => {
    const a = generateKeyPairPem();
    const b = generateKeyPairPem();
    await expect(
      signingKeyFromPem({ privateKeyPem: a.privateKeyPem, publicKeyPem: b.publicKeyPem }),
    ).rejects.toThrow('does not belong');
  });
});
