import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque credentials look like `<prefix>_<lookup>_<secret>`: the lookup part is stored in clear
 * (indexed) to find the row, only the SHA-256 of the secret part is stored. Both parts are
 * base62 so the `_` separators are unambiguous and the value is copy-paste safe.
 */
export const CREDENTIAL_PREFIXES = {
  apiKey: 's9sk',
  personalToken: 's9sp',
  oauthClientId: 's9so',
  oauthClientSecret: 's9ss',
} as const;
export type CredentialPrefix = (typeof CREDENTIAL_PREFIXES)[keyof typeof CREDENTIAL_PREFIXES];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const LOOKUP_LENGTH = 12;
export const SECRET_LENGTH = 40;

/** Uniform random base62 string (rejection sampling: no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export interface GeneratedSecret {
  /** The full value, shown to the user once. */
  value: string;
  lookup: string;
  /** Hex SHA-256 of the secret part, the only thing stored. */
  hash: string;
}

export function generateSecret(prefix: CredentialPrefix): GeneratedSecret {
  const lookup = randomBase62(LOOKUP_LENGTH);
  const secret = randomBase62(SECRET_LENGTH);
  return { value: `${prefix}_${lookup}_${secret}`, lookup, hash: hashSecret(secret) };
}

export interface ParsedSecret {
  prefix: CredentialPrefix;
  lookup: string;
  secret: string;
}

const PATTERN = new RegExp(
  `^(s9s[kpos])_([0-9A-Za-z]{${LOOKUP_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`,
);

/** Splits a presented credential; null when it is not one of ours or has the wrong prefix. */
export function parseSecret(value: string, expected: CredentialPrefix): ParsedSecret | null {
  const match = PATTERN.exec(value);
  if (!match || match[1] !== expected) return null;
  return { prefix: expected, lookup: match[2], secret: match[3] };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time check of a presented secret against the stored hex hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  if (stored.length !== presented.length) return false;
  return timingSafeEqual(presented, stored);
}

/** Generates an OAuth client id (`s9so_<lookup>`, no secret part) and its separate secret. */
export function generateOAuthClientCredentials(): { clientId: string; secret: GeneratedSecret } {
  return {
    clientId: `${CREDENTIAL_PREFIXES.oauthClientId}_${randomBase62(LOOKUP_LENGTH + 8)}`,
    secret: generateSecret(CREDENTIAL_PREFIXES.oauthClientSecret),
  };
}
