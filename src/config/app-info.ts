import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** The API version: `version` of the nearest package.json above this file (src or dist). */
export function appVersion(): string {
  if (version !== undefined) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 's9s-api' && pkg.version) return (version = pkg.version);
    }
    const parent = dirname(dir);
    if (parent === dir) return (version = '0.0.0');
    dir = parent;
  }
}
