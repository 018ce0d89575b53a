/**
 * Build step after `tsc`: copies the SQL migrations next to the compiled code
 * (src/modules/<name>/migrations/*.sql → dist/modules/<name>/migrations/, and the platform's own
 * src/platform/events/migrations/), where the migration runner looks for them at run time.
 */
import { cpSync, globSync } from 'node:fs';
import { join, relative } from 'node:path';

const files = [
  ...globSync('src/modules/*/migrations/*.sql'),
  ...globSync('src/platform/*/migrations/*.sql'),
];
for (const file of files) {
  cpSync(file, join('dist', relative('src', file)));
}
console.log(`copied ${files.length} migration file(s) to dist/`);
