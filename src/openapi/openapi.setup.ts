import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/index.js';
import { appVersion } from '../config/app-info.js';
import { redocHtml } from './redoc.js';

export const OAUTH_SCOPES: Record<string, string> = {
  'jobs:read': 'Read jobs and their output',
  'jobs:write': 'Submit, cancel, hold, release and update jobs',
  'nodes:read': 'Read nodes and partitions',
  'nodes:write': 'Drain, resume and change node state',
  'users:read': 'Read Slurm users and accounts',
  'metrics:read': 'Read metrics',
  exports: 'Create and download exports',
  reports: 'Create and read reports',
  admin: 'Manage principals and credentials',
};

const TITLE = 'S9S API';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(TITLE)
    .setDescription(
      'REST and WebSocket gateway in front of Slurm clusters. Every error answers the ' +
        'envelope `{error: {code, message, details, request_id, timestamp}}`; every route ' +
        'accepts `?cluster=` (default: the first configured cluster).',
    )
    .setVersion(appVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .addOAuth2(
      {
        type: 'oauth2',
        flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: OAUTH_SCOPES } },
      },
      'oauth2',
    )
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .addSecurityRequirements('oauth2')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * OpenAPI 3 at /v1/openapi.json and /v1/openapi.yaml, Swagger UI at /docs, ReDoc at /redoc.
 * Public routes declare `security: []` in their ApiOperation.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'v1/openapi.json',
    yamlDocumentUrl: 'v1/openapi.yaml',
    customSiteTitle: TITLE,
  });
  const { redocScriptUrl } = app.get(AppConfig).docs;
  const html = redocHtml('/v1/openapi.json', redocScriptUrl, TITLE);
  app.getHttpAdapter().get('/redoc', (_req: Request, res: Response) => res.type('html').send(html));
}
