import { execa } from 'execa';

/** A fixed identity, so commits work on machines without a git config. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

/** git's stdout; a failing command rejects. */
export async function git(cwd: string, args: string[]): Promise<string> {
  return (await execa('git', args, { cwd, env: GIT_ENV, stdin: 'ignore' })).stdout;
}
