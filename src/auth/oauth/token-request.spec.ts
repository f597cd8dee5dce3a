import { OAuthError } from './oauth-error.js';
import { parseTokenRequest } from './token-request.js';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function oauthError(fn: () => unknown): { code: string; status: number } {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof OAuthError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error('expected an OAuthError');
}

describe('client-credentials token request (RFC 6749 §4.4, §2.3)', () => {
  it('reads client credentials and scopes from the body', () => {
    expect(
      parseTokenRequest(
        {
          grant_type: 'client_credentials',
          client_id: 'c',
          client_secret: 's',
          scope: 'jobs:read  jobs:write',
        },
        undefined,
      ),
    ).toEqual({
      grantType: 'client_credentials',
      clientId: 'c',
      clientSecret: 's',
      scopes: ['jobs:read', 'jobs:write'],
    });
  });

  it('reads them from HTTP Basic (form-urlencoded id and secret)', () => {
    expect(
      parseTokenRequest({ grant_type: 'client_credentials' }, basic('s9so_a b', 's:ecret')),
    ).toMatchObject({
      clientId: 's9so_a b',
      clientSecret: 's:ecret',
      scopes: undefined,
    });
  });

  it('answers invalid_request without grant_type, with repeated parameters or with two client authentications', () => {
    expect(
      oauthError(() => parseTokenRequest({ client_id: 'c', client_secret: 's' }, undefined)),
    ).toEqual({
      code: 'invalid_request',
      status: 400,
    });
    expect(
      oauthError(() => parseTokenRequest({ grant_type: ['client_credentials', 'x'] }, undefined))
        .code,
    ).toBe('invalid_request');
    expect(
      oauthError(() =>
        parseTokenRequest(
          { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' },
          basic('c', 's'),
        ),
      ).code,
    ).toBe('invalid_request');
    expect(
      oauthError(() => parseTokenRequest('grant_type=client_credentials', undefined)).code,
    ).toBe('invalid_request');
  });

  it('answers unsupported_grant_type for other grants', () => {
    expect(oauthError(() => parseTokenRequest({ grant_type: 'password' }, undefined))).toEqual({
      code: 'unsupported_grant_type',
      status: 400,
    });
  });

  it('answers invalid_client (401) without or with malformed client authentication', () => {
    expect(
      oauthError(() => parseTokenRequest({ grant_type: 'client_credentials' }, undefined)),
    ).toEqual({
      code: 'invalid_client',
      status: 401,
    });
    expect(
      oauthError(() =>
        parseTokenRequest({ grant_type: 'client_credentials' }, 'Basic bm9jb2xvbg=='),
      ).code,
    ).toBe('invalid_client');
  });
});
