import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations } from './migration-loader.js';

describe('loadMigrations', () => {
  it('loads the migration classes of *.js files in name order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's9s-migrations-'));
    const migration = (name: string) =>
      `export class ${name} { name = '${name}'; async up() {} async down() {} }\n` +
      `export const notAMigration = 42;\n`;
    writeFileSync(join(dir, '1700000000002-second.js'), migration('Second1700000000002'));
    writeFileSync(join(dir, '1700000000001-first.js'), migration('First1700000000001'));
    writeFileSync(join(dir, '1700000000001-first.js.map'), '{}');
    writeFileSync(join(dir, '1700000000001-first.d.ts'), 'export {};');
    const classes = await loadMigrations(dir);
    expect(classes.map((c) => c.name)).toEqual(['First1700000000001', 'Second1700000000002']);
  });

  it('finds nothing in a missing folder', async () => {
    expect(await loadMigrations(join(tmpdir(), 'no-such-migrations-dir'))).toEqual([]);
  });
});
