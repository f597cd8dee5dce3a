import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/index.js';
import { CredentialsService } from '../credentials.service.js';
import { signAccessToken } from '../jwt/signing-key.js';
import { SigningKeysService } from '../jwt/signing-keys.service.js';
import { OAuthError } from './oauth-error.js';
import type { TokenRequest } from './token-request.js';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The client-credentials grant: authenticate the OAuth client, settle the scopes, sign a JWT. */
@Injectable()
export class TokenService {
  constructor(
    private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
    private readonly keys: SigningKeysService,
  ) {}

  async issue(request: TokenRequest): Promise<TokenResponse> {
    const verified = await this.credentials.verifyOAuthClient(
      request.clientId,
      request.clientSecret,
    );
    if (!verified.ok) throw new OAuthError('invalid_client', verified.message);
    const { oauthClient, client } = verified;
    const allowed = oauthClient.scopes.filter((s) => client.scopes.includes(s));
    const requested = request.scopes ?? allowed;
    const refused = requested.filter((s) => !allowed.includes(s));
    if (refused.length > 0) {
      throw new OAuthError(
        'invalid_scope',
        `Scope not allowed for this client: ${refused.join(' ')}`,
      );
    }
    if (requested.length === 0)
      throw new OAuthError('invalid_scope', 'The client has no scope to grant');
    const scopes = [...new Set(requested)];
    const { issuer, audience, ttlSeconds } = this.config.auth.jwt;
    const token = await signAccessToken(
      await this.keys.current(),
      { subject: client.id, clientId: oauthClient.clientId, scopes },
      { issuer, audience, ttlSeconds },
    );
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ttlSeconds,
      scope: scopes.join(' '),
    };
  }
}
