import type { EnvReader } from './env-reader.js';

export interface DocsConfig {
  /** Script URL of the ReDoc standalone bundle loaded by the /redoc page. */
  redocScriptUrl: string;
}

export const DEFAULT_REDOC_SCRIPT_URL =
  'https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js';

export function readDocsConfig(env: EnvReader): DocsConfig {
  return {
    redocScriptUrl: env.url('REDOC_SCRIPT_URL', ['https:', 'http:'], DEFAULT_REDOC_SCRIPT_URL),
  };
}
