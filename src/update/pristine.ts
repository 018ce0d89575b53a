import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { GENERATOR_VERSION } from '../package-info.js';
import { git, identityEnv, PRISTINE_BRANCH } from '../post/git.js';
import type { VirtualTree } from '../render/tree.js';
import { containedPath } from '../write/contain.js';

/**
 * Git environment that writes new objects to a scratch directory while reading the project's
 * own: a dry run leaves not even an unreferenced object behind in the repository.
 */
export async function scratchObjectsEnv(
  projectDir: string,
  scratch: string,
): Promise<Record<string, string>> {
  const objects = await git(projectDir, ['rev-parse', '--git-path', 'objects']);
  const store = join(scratch, 'objects');
  await mkdir(store, { recursive: true });
  return {
    GIT_OBJECT_DIRECTORY: store,
    GIT_ALTERNATE_OBJECT_DIRECTORIES: isAbsolute(objects) ? objects : resolve(projectDir, objects),
  };
}

/**
 * Commits `tree` as the next pristine render, on a detached worktree of the pristine branch, so
 * the user's working tree is never touched. Returns the new commit, or undefined when the render
 * is identical to the previous one. `objectsEnv` redirects new objects (dry run).
 */
export async function commitPristine(
  projectDir: string,
  scratch: string,
  tree: VirtualTree,
  objectsEnv: Record<string, string> = {},
): Promise<string | undefined> {
  const worktree = join(scratch, 'pristine');
  await git(projectDir, ['worktree', 'add', '--quiet', '--detach', worktree, PRISTINE_BRANCH]);
  const env = { ...objectsEnv, ...(await identityEnv(projectDir)) };
  try {
    await git(worktree, ['rm', '-r', '--quiet', '--ignore-unmatch', '.'], env);
    for (const path of tree.paths()) {
      const file = tree.get(path)!;
      const destination = containedPath(worktree, path);
      await mkdir(dirname(destination), { recursive: true });
      await writeFile(destination, file.content, { mode: file.mode });
    }
    await git(worktree, ['add', '--all'], env);
    const unchanged = await execa('git', ['diff', '--cached', '--quiet'], {
      cwd: worktree,
      env,
      reject: false,
    });
    if (unchanged.exitCode === 0) return undefined;
    await git(
      worktree,
      [
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        `chore: pristine render of create-scalable-backend ${GENERATOR_VERSION}`,
      ],
      env,
    );
    return await git(worktree, ['rev-parse', 'HEAD'], env);
  } finally {
    await git(projectDir, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    await git(projectDir, ['worktree', 'prune']).catch(() => undefined);
  }
}
