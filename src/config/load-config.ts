import { CONFIG_SECTIONS } from './config.sections.js';
import { ConfigError, EnvReader, type Environment } from './env-reader.js';

type Sections = typeof CONFIG_SECTIONS;
export type SectionName = keyof Sections;

/** Every configuration section, typed after its reader's return value. */
export type ConfigValues = { readonly [K in SectionName]: ReturnType<Sections[K]> };

/**
 * Reads and validates the given sections (all by default) from `env`.
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Environment): ConfigValues;
export function loadConfig<K extends SectionName>(
  env: Environment,
  only: readonly K[],
): Pick<ConfigValues, K>;
export function loadConfig(
  env: Environment,
  only: readonly SectionName[] = Object.keys(CONFIG_SECTIONS) as SectionName[],
): Partial<ConfigValues> {
  const reader = new EnvReader(env);
  const values: Record<string, unknown> = {};
  for (const name of only) {
    values[name] = CONFIG_SECTIONS[name](reader);
  }
  if (reader.issues.length > 0) throw new ConfigError([...reader.issues]);
  return values;
}

let fromProcess: ConfigValues | undefined;

/** The configuration of this process, read once from `process.env`. */
export function processConfig(): ConfigValues {
  fromProcess ??= loadConfig(process.env);
  return fromProcess;
}

/** Sections read from `process.env` (for tools such as the migration runner). */
export function processConfigSections<K extends SectionName>(
  only: readonly K[],
): Pick<ConfigValues, K> {
  return loadConfig(process.env, only);
}

/**
 * processConfig() for entry points: a ConfigError is printed (naming each bad variable) and
 * the process exits with status 1 before anything else starts.
 */
export function processConfigOrExit(): ConfigValues {
  try {
    return processConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
