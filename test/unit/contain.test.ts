import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containedPath } from '../../src/write/contain.js';
import { symlinkOnPath } from '../../src/write/preflight.js';

describe('path containment', () => {
  const root = '/tmp/project';

  it.each(['src/app.ts', 'a/b/../c.txt', '.gitignore', 'docs/adr/0001.md'])('accepts %s', (p) => {
    expect(containedPath(root, p).startsWith(`${root}/`)).toBe(true);
  });

  it.each(['../x', '../../etc/passwd', '/etc/passwd', 'a/../../x', '..', '.', 'C:/x', 'a\0b', ''])(
    'refuses %j',
    (p) => {
      expect(() => containedPath(root, p)).toThrow(/refusing/);
    },
  );

  it('finds a symlinked directory on the way to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csb-contain-'));
    await mkdir(join(dir, 'outside'));
    await mkdir(join(dir, 'project'));
    await symlink(join(dir, 'outside'), join(dir, 'project', 'src'));
    expect(await symlinkOnPath(join(dir, 'project'), 'src/app.ts')).toBe(
      join(dir, 'project', 'src'),
    );
    expect(await symlinkOnPath(join(dir, 'project'), 'docs/x.md')).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });
});
