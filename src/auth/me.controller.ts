import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/index.js';
import { AppConfig } from '../config/index.js';
import { ApiErrors } from '../openapi/index.js';
import { CurrentPrincipal } from './decorators.js';
import type { Principal } from './principal.js';

/** GET /v1/me: who the caller is and as which Slurm user it acts on each cluster. */
@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary: 'The authenticated caller: role, scopes, Slurm user per cluster, rate tier',
  })
  @ApiOkResponse({
    schema: {
      example: {
        id: '3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f',
        name: 'alice',
        role: 'user',
        scopes: ['jobs:read', 'jobs:write'],
        slurm_users: { main: 'alice', legacy: 'alice' },
        tier: 'free',
        rate_limit: 1000,
        auth_method: 'api_key',
      },
    },
  })
  @ApiErrors(ErrorCode.AUTHENTICATION_FAILED, ErrorCode.RATE_LIMIT_EXCEEDED)
  me(@CurrentPrincipal() principal: Principal) {
    return {
      id: principal.id,
      name: principal.name,
      role: principal.role,
      scopes: principal.scopes,
      slurm_users: Object.fromEntries(
        this.config.clusters.map((c) => [c.name, principal.slurmUserFor(c.name)]),
      ),
      tier: principal.tier,
      rate_limit: principal.rateLimit,
      auth_method: principal.authMethod,
    };
  }
}
