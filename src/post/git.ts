import { execa } from 'execa';

/** Branch that always holds the untouched render; `update` merges newer renders through it. */
export const PRISTINE_BRANCH = 'csb/pristine';

const FALLBACK_IDENTITY = {
  GIT_AUTHOR_NAME: 'create-scalable-backend',
  GIT_AUTHOR_EMAIL: 'create-scalable-backend@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'create-scalable-backend',
  GIT_COMMITTER_EMAIL: 'create-scalable-backend@users.noreply.github.com',
};

export async function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await execa('git', args, { cwd, env, stdin: 'ignore' });
  return stdout.trim();
}

/** True when `dir` lies inside an existing git work tree (then we never nest a new repository). */
export async function insideGitWorkTree(dir: string): Promise<boolean> {
  try {
    return (await git(dir, ['rev-parse', '--is-inside-work-tree'])) === 'true';
  } catch {
    return false;
  }
}

/** Paths among `paths` with uncommitted changes in the repository at `dir` (G05). */
export async function dirtyPaths(dir: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0 || !(await insideGitWorkTree(dir))) return [];
  // Not through git(): trimming would eat the leading status column of the first line.
  const { stdout } = await execa('git', ['status', '--porcelain', '-z', '--', ...paths], {
    cwd: dir,
    stdin: 'ignore',
  });
  return stdout
    .split('\0')
    .filter(Boolean)
    .map((entry) => entry.slice(3));
}

/** Commit identity: the user's if configured, else a neutral fallback so the commit never fails. */
export async function identityEnv(cwd: string): Promise<Record<string, string>> {
  try {
    await git(cwd, ['config', 'user.email']);
    await git(cwd, ['config', 'user.name']);
    return {};
  } catch {
    return FALLBACK_IDENTITY;
  }
}

/** `git init`, one commit holding the pristine render, and the pristine branch pointing at it. */
export async function initialCommit(dir: string, message: string): Promise<void> {
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await git(dir, ['add', '--all']);
  await git(dir, ['commit', '--quiet', '--no-verify', '-m', message], await identityEnv(dir));
  await git(dir, ['branch', PRISTINE_BRANCH]);
}
