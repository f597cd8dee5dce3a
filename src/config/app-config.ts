import type { ConfigValues } from './load-config.js';

const ConfigBase = class {
  constructor(values: ConfigValues) {
    Object.assign(this, values);
    Object.freeze(this);
  }
} as new (values: ConfigValues) => ConfigValues;

/**
 * The validated configuration, injectable everywhere (global `ConfigModule`).
 * One typed property per section of `CONFIG_SECTIONS`: `config.http.port`,
 * `config.clusters[0].url`, ...
 */
export class AppConfig extends ConfigBase {}
