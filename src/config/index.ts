export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { ConfigError, EnvReader, redactUrl, type Environment } from './env-reader.js';
export {
  loadConfig,
  processConfig,
  processConfigOrExit,
  processConfigSections,
  type ConfigValues,
  type SectionName,
} from './load-config.js';
