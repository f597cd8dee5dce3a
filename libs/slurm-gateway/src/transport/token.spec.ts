import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtKeyTokenSource, StaticTokenSource, signSlurmJwt } from './token.js';

function decode(token: string) {
  const [h, p, s] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    signed: `${h}.${p}`,
    signature: s,
  };
}

describe('signSlurmJwt', () => {
  it('produces an HS256 JWT with iat, exp and sun, signed with the raw key bytes', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const t = decode(signSlurmJwt(key, 'slurm', 1700000000, 600));
    expect(t.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(t.payload).toEqual({ iat: 1700000000, exp: 1700000600, sun: 'slurm' });
    const expected = createHmac('sha256', key).update(t.signed).digest('base64url');
    expect(t.signature).toBe(expected);
  });
});

describe('JwtKeyTokenSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-'));
  const keyFile = join(dir, 'jwt.key');
  writeFileSync(keyFile, Buffer.alloc(32, 7));

  it('caches a token until 80 % of its life, then mints a new one', async () => {
    let now = 1000;
    const source = new JwtKeyTokenSource(keyFile, 'slurm', 100, () => now);
    const first = await source.token();
    now = 1079;
    expect(await source.token()).toBe(first);
    now = 1080;
    const second = await source.token();
    expect(second).not.toBe(first);
    expect(decode(second).payload).toEqual({ iat: 1080, exp: 1180, sun: 'slurm' });
  });

  it('mints once for concurrent callers and again after invalidate()', async () => {
    const source = new JwtKeyTokenSource(keyFile, 'svc', 600, () => 5000);
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect(a).toBe(b);
    source.invalidate();
    expect(await source.token()).toBe(a); // same second, same key: same token, but re-read
  });

  it('fails when the key file cannot be read', async () => {
    const source = new JwtKeyTokenSource(join(dir, 'missing'), 'slurm', 600);
    await expect(source.token()).rejects.toThrow(/ENOENT/);
  });
});

describe('StaticTokenSource', () => {
  it('returns the configured token', async () => {
    const source = new StaticTokenSource('abc');
    source.invalidate();
    expect(await source.token()).toBe('abc');
  });
});
