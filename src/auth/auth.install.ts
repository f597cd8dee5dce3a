import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { HttpsOptions } from '@nestjs/common/interfaces/external/https-options.interface.js';
import type { TlsConfig } from '../config/auth.config.js';
import { AuthMiddleware } from './auth.middleware.js';

/**
 * Installs authentication + rate limiting as Express middleware. Call it in the HTTP pipeline
 * after the body parsers and before the docs are mounted, so every route (including the
 * OpenAPI document, Swagger UI and unknown routes) is counted and carries X-RateLimit-*.
 */
export function installAuth(app: INestApplication): void {
  app.use(app.get(AuthMiddleware).handler);
}

/**
 * HTTPS server options when TLS_CERT_FILE/TLS_KEY_FILE are set. With TLS_CLIENT_CA_FILE the
 * server asks for a client certificate but lets the handshake succeed without a valid one
 * (rejectUnauthorized false): the auth middleware checks `socket.authorized` itself, so a
 * missing or untrusted certificate gets the API's 401 answer instead of a TLS failure.
 */
export function httpsOptionsFor(tls: TlsConfig | undefined): HttpsOptions | undefined {
  if (tls === undefined) return undefined;
  const options: HttpsOptions = {
    cert: readFileSync(tls.certFile),
    key: readFileSync(tls.keyFile),
  };
  if (tls.clientCaFile !== undefined) {
    options.ca = readFileSync(tls.clientCaFile);
    options.requestCert = true;
    options.rejectUnauthorized = false;
  }
  return options;
}
