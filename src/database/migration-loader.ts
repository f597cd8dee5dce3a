import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

function isMigrationClass(value: unknown): value is MigrationClass {
  return (
    typeof value === 'function' &&
    typeof (value as { prototype?: { up?: unknown } }).prototype?.up === 'function'
  );
}

/**
 * The migration classes exported by `<dir>/*.js`, in file name order (files are named
 * `<timestamp>-<what>.ts`, so name order is creation order).
 */
export async function loadMigrations(dir: string): Promise<MigrationClass[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const scripts = files.filter((f) => f.endsWith('.js') && !f.endsWith('.spec.js')).sort();
  const classes: MigrationClass[] = [];
  for (const file of scripts) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    classes.push(...Object.values(module).filter(isMigrationClass));
  }
  return classes;
}
