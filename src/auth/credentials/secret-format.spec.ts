import {
  CREDENTIAL_PREFIXES,
  generateOAuthClientCredentials,
  generateSecret,
  hashSecret,
  parseSecret,
  randomBase62,
  secretMatches,
} from './secret-format.js';

describe('secret format', () => {
  it('generates s9sk_<lookup>_<secret> keys that parse back and match their stored hash', () => {
    const key = generateSecret(CREDENTIAL_PREFIXES.apiKey);
    expect(key.value).toMatch(/^s9sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}$/);
    const parsed = parseSecret(key.value, 's9sk');
    expect(parsed?.lookup).toBe(key.lookup);
    expect(key.hash).toBe(hashSecret(parsed!.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.value).not.toContain(key.hash);
    expect(secretMatches(parsed!.secret, key.hash)).toBe(true);
  });

  it('never produces the same key twice and uses the whole base62 alphabet', () => {
    const values = new Set(Array.from({ length: 200 }, () => generateSecret('s9sp').value));
    expect(values.size).toBe(200);
    const chars = new Set(randomBase62(5000));
    expect(chars.size).toBe(62);
  });

  it('rejects a key with the wrong prefix, a wrong length or foreign characters', () => {
    const key = generateSecret('s9sk').value;
    expect(parseSecret(key, 's9sp')).toBeNull();
    expect(parseSecret(key.slice(0, -1), 's9sk')).toBeNull();
    expect(parseSecret(`${key}x`, 's9sk')).toBeNull();
    expect(parseSecret(`${key.slice(0, -1)}-`, 's9sk')).toBeNull();
    expect(parseSecret('', 's9sk')).toBeNull();
    expect(parseSecret('Bearer s9sk_x_y', 's9sk')).toBeNull();
  });

  it('compares in constant time and fails on any other secret or a malformed stored hash', () => {
    const { hash } = generateSecret('s9sk');
    const other = generateSecret('s9sk');
    const secret = parseSecret(other.value, 's9sk')!.secret;
    expect(secretMatches(secret, hash)).toBe(false);
    expect(secretMatches(secret, other.hash)).toBe(true);
    expect(secretMatches(secret, other.hash.slice(0, 10))).toBe(false);
    expect(secretMatches(secret, '')).toBe(false);
  });

  it('makes OAuth client ids without a secret part and separate s9ss_ secrets', () => {
    const { clientId, secret } = generateOAuthClientCredentials();
    expect(clientId).toMatch(/^s9so_[0-9A-Za-z]{20}$/);
    expect(parseSecret(secret.value, 's9ss')?.lookup).toBe(secret.lookup);
  });
});
