import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { Public } from '../decorators.js';
import { SigningKeysService } from './signing-keys.service.js';

/** The public keys that verify the gateway's access tokens (outside the /v1 prefix). */
@ApiTags('auth')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'JSON Web Key Set of the token signing keys', security: [] })
  @ApiOkResponse({
    schema: {
      example: {
        keys: [
          {
            kty: 'RSA',
            n: '0vx7agoebGc...',
            e: 'AQAB',
            kid: 'NzbLsXh8uDCc...',
            alg: 'RS256',
            use: 'sig',
          },
        ],
      },
    },
  })
  jwks(): Promise<{ keys: JWK[] }> {
    return this.keys.jwks();
  }
}
