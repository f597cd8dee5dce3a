import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config.js';

export const MIGRATIONS_TABLE = 's9s_migrations';

/** Postgres connection options shared by the app (TypeOrmModule) and the migration runner. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    poolSize: config.poolSize,
    // Fail fast instead of hanging when Postgres is unreachable.
    connectTimeoutMS: 5000,
    applicationName: 's9s-api',
  };
}
