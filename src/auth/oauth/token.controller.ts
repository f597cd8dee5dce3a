import { Body, Controller, Headers, HttpCode, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../decorators.js';
import { noStore, OAuthErrorFilter } from './oauth-error.js';
import { parseTokenRequest } from './token-request.js';
import { TokenService, type TokenResponse } from './token.service.js';

const DOC = {
  summary: 'Get an access token (OAuth 2.0 client credentials)',
  description:
    'RFC 6749 §4.4. Parameters as JSON or `application/x-www-form-urlencoded`; client ' +
    'authentication in the body (`client_id`, `client_secret`) or with HTTP Basic. Errors ' +
    'follow RFC 6749 §5.2: `{"error": "invalid_client", "error_description": "..."}`.',
  security: [],
};

const BODY_EXAMPLE = {
  grant_type: 'client_credentials',
  client_id: 's9so_8fKq2LmZx0aBcDeFgHiJ',
  client_secret: 's9ss_...',
  scope: 'jobs:read jobs:write',
};

const RESPONSE_EXAMPLE = {
  access_token: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Ij...',
  token_type: 'Bearer',
  expires_in: 3600,
  scope: 'jobs:read jobs:write',
};

/** POST /oauth/token and /v1/oauth/token (both outside the /v1 prefix handling). */
@ApiTags('auth')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller()
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post(['oauth/token', 'v1/oauth/token'])
  @HttpCode(200)
  @ApiOperation(DOC)
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', example: BODY_EXAMPLE } })
  @ApiOkResponse({ schema: { type: 'object', example: RESPONSE_EXAMPLE } })
  token(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse> {
    noStore(res);
    return this.tokens.issue(parseTokenRequest(body, authorization));
  }
}
