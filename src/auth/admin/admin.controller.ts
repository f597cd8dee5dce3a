import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../audit/audit.service.js';
import { ErrorCode } from '../../common/errors/index.js';
import { paginate, PagingQueryDto } from '../../common/pagination/index.js';
import { AppConfig } from '../../config/index.js';
import { ApiErrors } from '../../openapi/index.js';
import { CurrentPrincipal, RequireRole, RequireScopes } from '../decorators.js';
import type { Principal } from '../principal.js';
import { AdminService } from './admin.service.js';
import { auditView, clientView, keyView, oauthClientView } from './admin.views.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import {
  CreateClientDto,
  CreateKeyDto,
  CreateOAuthClientDto,
  UpdateClientDto,
} from './dto/client.dto.js';

const CLIENT_EXAMPLE = {
  id: '3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f',
  name: 'alice',
  role: 'user',
  slurm_user: 'alice',
  slurm_users: {},
  tier: 'free',
  custom_limit: null,
  rate_limit: 1000,
  enabled: true,
  scopes: ['jobs:read', 'jobs:write'],
  cert_subject: null,
  created_at: '2023-12-15T10:30:00Z',
  updated_at: '2023-12-15T10:30:00Z',
};

const KEY_EXAMPLE = {
  id: '9d8e7f6a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
  client_id: CLIENT_EXAMPLE.id,
  kind: 'api_key',
  name: 'laptop',
  prefix: 's9sk_Ab3dEf6hIj9k',
  scopes: null,
  expires_at: null,
  revoked_at: null,
  last_used_at: null,
  created_at: '2023-12-15T10:30:00Z',
};

const ERRORS = [
  ErrorCode.AUTHENTICATION_FAILED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMIT_EXCEEDED,
];

/** Administration of principals and credentials: role admin and scope admin. */
@ApiTags('admin')
@RequireRole('admin')
@RequireScopes('admin')
@ApiErrors(...ERRORS)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Post('clients')
  @ApiOperation({ summary: 'Create a client (principal) mapped to a Slurm user' })
  @ApiCreatedResponse({ schema: { example: CLIENT_EXAMPLE } })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_CONFLICT)
  async createClient(@Body() dto: CreateClientDto, @CurrentPrincipal() actor: Principal) {
    return clientView(await this.admin.createClient(dto, actor), this.config.rateLimit);
  }

  @Get('clients')
  @ApiOperation({ summary: 'List clients' })
  @ApiOkResponse({
    schema: {
      example: { clients: [CLIENT_EXAMPLE], total: 1, limit: 100, offset: 0, has_more: false },
    },
  })
  async listClients(@Query() query: PagingQueryDto) {
    const { items, ...page } = paginate(await this.admin.listClients(), query);
    return { clients: items.map((c) => clientView(c, this.config.rateLimit)), ...page };
  }

  @Get('clients/:id')
  @ApiOperation({ summary: 'One client (by id or name) with its keys, tokens and OAuth clients' })
  @ApiOkResponse({
    schema: { example: { ...CLIENT_EXAMPLE, keys: [KEY_EXAMPLE], oauth_clients: [] } },
  })
  @ApiErrors(ErrorCode.RESOURCE_NOT_FOUND)
  async getClient(@Param('id') id: string) {
    const client = await this.admin.getClient(id);
    const { keys, oauthClients } = await this.admin.credentialsOf(client);
    return {
      ...clientView(client, this.config.rateLimit),
      keys: keys.map(keyView),
      oauth_clients: oauthClients.map(oauthClientView),
    };
  }

  @Patch('clients/:id')
  @ApiOperation({ summary: 'Change a client: enable/disable, role, tier, Slurm user, scopes' })
  @ApiOkResponse({ schema: { example: { ...CLIENT_EXAMPLE, enabled: false } } })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_NOT_FOUND, ErrorCode.RESOURCE_CONFLICT)
  async updateClient(
    @Param('id') id: string,
    @Body() dto: UpdateClientDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return clientView(await this.admin.updateClient(id, dto, actor), this.config.rateLimit);
  }

  @Post('clients/:id/keys')
  @ApiOperation({ summary: 'Issue an API key (X-API-Key); the key is shown only in this answer' })
  @ApiCreatedResponse({ schema: { example: { ...KEY_EXAMPLE, key: 's9sk_Ab3dEf6hIj9k_...' } } })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_NOT_FOUND)
  async createKey(
    @Param('id') id: string,
    @Body() dto: CreateKeyDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    const { key, value } = await this.admin.createKey(id, 'api_key', dto, actor);
    return { ...keyView(key), key: value };
  }

  @Post('clients/:id/tokens')
  @ApiOperation({ summary: 'Issue a personal access token (Bearer); shown only in this answer' })
  @ApiCreatedResponse({
    schema: {
      example: {
        ...KEY_EXAMPLE,
        kind: 'personal_token',
        prefix: 's9sp_Ab3dEf6hIj9k',
        token: 's9sp_...',
      },
    },
  })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_NOT_FOUND)
  async createToken(
    @Param('id') id: string,
    @Body() dto: CreateKeyDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    const { key, value } = await this.admin.createKey(id, 'personal_token', dto, actor);
    return { ...keyView(key), token: value };
  }

  @Delete('keys/:id')
  @ApiOperation({ summary: 'Revoke an API key or personal access token' })
  @ApiOkResponse({ schema: { example: { ...KEY_EXAMPLE, revoked_at: '2023-12-16T08:00:00Z' } } })
  @ApiErrors(ErrorCode.RESOURCE_NOT_FOUND)
  async revokeKey(@Param('id') id: string, @CurrentPrincipal() actor: Principal) {
    return keyView(await this.admin.revokeKey(id, actor));
  }

  @Post('clients/:id/oauth-clients')
  @ApiOperation({
    summary: 'Create an OAuth2 client-credentials client; the secret is shown only now',
  })
  @ApiCreatedResponse({
    schema: {
      example: {
        id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
        client_id: 's9so_8fKq2LmZx0aBcDeFgHiJ',
        client_secret: 's9ss_...',
        api_client_id: CLIENT_EXAMPLE.id,
        name: 'pipeline',
        scopes: ['jobs:read'],
        revoked_at: null,
        last_used_at: null,
        created_at: '2023-12-15T10:30:00Z',
      },
    },
  })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_NOT_FOUND)
  async createOAuthClient(
    @Param('id') id: string,
    @Body() dto: CreateOAuthClientDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    const { oauthClient, secret } = await this.admin.createOAuthClient(id, dto, actor);
    return { ...oauthClientView(oauthClient), client_secret: secret };
  }

  @Delete('oauth-clients/:id')
  @ApiOperation({ summary: 'Revoke an OAuth client (by id or client_id); its tokens stop working' })
  @ApiOkResponse({
    schema: {
      example: { client_id: 's9so_8fKq2LmZx0aBcDeFgHiJ', revoked_at: '2023-12-16T08:00:00Z' },
    },
  })
  @ApiErrors(ErrorCode.RESOURCE_NOT_FOUND)
  async revokeOAuthClient(@Param('id') id: string, @CurrentPrincipal() actor: Principal) {
    return oauthClientView(await this.admin.revokeOAuthClient(id, actor));
  }

  @Get('audit')
  @ApiOperation({ summary: 'Audit log, newest first' })
  @ApiOkResponse({
    schema: {
      example: {
        entries: [
          {
            id: '42',
            at: '2023-12-15T10:30:00Z',
            principal_id: CLIENT_EXAMPLE.id,
            principal_name: 'alice',
            slurm_user: 'alice',
            cluster: 'main',
            action: 'job.hold',
            target: 'job:12345',
            result: 'denied',
            request_id: 'req_abc123',
            details: {},
          },
        ],
        total: 1,
        limit: 100,
        offset: 0,
        has_more: false,
      },
    },
  })
  async auditLog(@Query() query: AuditQueryDto) {
    const { rows, total } = await this.audit.list({
      action: query.action,
      principalName: query.principal,
      target: query.target,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      entries: rows.map(auditView),
      total,
      limit: query.limit,
      offset: query.offset,
      has_more: query.offset + rows.length < total,
    };
  }
}
