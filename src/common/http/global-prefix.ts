/** Every controller route lives under /v1 except these standard locations. */
export const API_PREFIX = 'v1';

/** Routes outside /v1 (path-to-regexp v8 syntax). Add a line when a domain needs one. */
export const PREFIX_EXCLUDED_ROUTES: string[] = [
  'oauth/token',
  // The token endpoint's /v1 alias is declared with its prefix ('oauth/token' is excluded above).
  'v1/oauth/token',
  '.well-known/{*path}',
  'metrics',
];
