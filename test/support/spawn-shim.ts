import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A PATH directory of fake commands that record every call instead of running anything, to
 * prove that a run spawned nothing (dry run, refused input) or exactly what it should.
 */
export async function makeSpawnShim(
  dir: string,
  commands: readonly string[] = ['git', 'npm', 'pnpm', 'yarn', 'id', 'rm', 'sh'],
) {
  const bin = join(dir, 'shim-bin');
  const log = join(dir, 'spawned.log');
  await mkdir(bin, { recursive: true });
  await writeFile(log, '');
  for (const command of commands) {
    const path = join(bin, command);
    await writeFile(path, `#!/bin/sh\necho "${command} $*" >> "${log}"\nexit 0\n`);
    await chmod(path, 0o755);
  }
  return {
    path: bin,
    spawned: async (): Promise<string[]> =>
      (await readFile(log, 'utf8')).split('\n').filter(Boolean),
  };
}
