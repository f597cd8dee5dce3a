/**
 * Migration runner: `node dist/src/database/migrate.js` (npm run migrate).
 * Applies the pending migrations of dist/src/database/migrations in order, one transaction
 * each, under a Postgres advisory lock so concurrent runners (several replicas) wait for
 * each other. Prints `{"count": n, "names": [...]}`.
 */
import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { ConfigError, processConfigSections } from '../config/index.js';
import { dataSourceOptions } from './data-source-options.js';
import { loadMigrations } from './migration-loader.js';

/** Arbitrary constant shared by every runner of this application ("s9s" in ASCII). */
const MIGRATION_LOCK_ID = 0x733973;

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}

async function main(): Promise<void> {
  const { database } = processConfigSections(['database']);
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
  const dataSource = new DataSource({
    ...dataSourceOptions(database),
    migrations: await loadMigrations(dir),
  });
  await dataSource.initialize();
  try {
    const names = await runMigrations(dataSource);
    process.stdout.write(`${JSON.stringify({ count: names.length, names })}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ error: message })}\n`);
  process.exitCode = 1;
});
