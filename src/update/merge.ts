import { execa } from 'execa';
import { CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { say } from '../cli/output.js';
import { GENERATOR_VERSION } from '../package-info.js';
import { git, identityEnv, PRISTINE_BRANCH } from '../post/git.js';
import { atStep } from '../write/faults.js';
import { SignalGuard } from '../write/signals.js';

/**
 * Files the template deleted that the user had modified (a modify/delete conflict): kept as the
 * user has them (U07). Returns the paths it resolved.
 */
async function keepUserModifiedDeletions(projectDir: string): Promise<string[]> {
  const status = await execa('git', ['status', '--porcelain=v1', '-z'], { cwd: projectDir });
  const kept = status.stdout
    .split('\0')
    .filter((entry) => entry.startsWith('UD '))
    .map((entry) => entry.slice(3));
  if (kept.length > 0) await git(projectDir, ['add', '--', ...kept]);
  return kept;
}

/**
 * Moves the pristine branch to `next` and merges it into the user's branch. Any failure or
 * SIGINT/SIGTERM before the end puts everything back: HEAD, the work tree (it was clean, so a
 * hard reset loses nothing of the user's) and the pristine branch (U11).
 */
export async function mergePristine(projectDir: string, next: string): Promise<number> {
  const head = await git(projectDir, ['rev-parse', 'HEAD']);
  const previousPristine = await git(projectDir, ['rev-parse', PRISTINE_BRANCH]);
  const guard = new SignalGuard().start();
  let outcome: { kept: string[] } | undefined;
  try {
    outcome = await merge(projectDir, next, guard);
  } catch (error) {
    if (error instanceof CliError && error.exitCode === EXIT.updateConflicts) throw error;
    await rollBack(projectDir, head, previousPristine);
    throw error instanceof CliError
      ? error
      : new CliError(
          `update failed and was rolled back: ${(error as Error).message}`,
          EXIT.internal,
        );
  } finally {
    guard.stop();
  }
  const { stdout: changed } = await execa('git', ['diff', '--stat', 'HEAD^1', 'HEAD'], {
    cwd: projectDir,
  });
  say(
    `Updated to create-scalable-backend ${GENERATOR_VERSION}; your edits were kept (3-way merge against the previous render).${keptText(outcome.kept)}`,
  );
  if (changed) say(changed);
  return EXIT.ok;
}

async function merge(
  projectDir: string,
  next: string,
  guard: SignalGuard,
): Promise<{ kept: string[] }> {
  await git(projectDir, ['branch', '--force', PRISTINE_BRANCH, next]);
  atStep('update-branch');
  await guard.settle();
  const message = `chore: update to create-scalable-backend ${GENERATOR_VERSION}`;
  const env = await identityEnv(projectDir);
  const result = await execa(
    'git',
    ['merge', '--no-ff', '--no-verify', '-m', message, PRISTINE_BRANCH],
    { cwd: projectDir, reject: false, env, stdin: 'ignore' },
  );
  await guard.settle();
  let kept: string[] = [];
  if (result.exitCode !== 0) {
    kept = await keepUserModifiedDeletions(projectDir);
    const conflicted = (await git(projectDir, ['diff', '--name-only', '--diff-filter=U']))
      .split('\n')
      .filter(Boolean);
    if (conflicted.length === 0 && kept.length === 0) {
      throw new Error(`git merge failed: ${result.stderr || result.stdout}`);
    }
    if (conflicted.length > 0) {
      // Not rolled back: the conflict markers are the result the user resolves (or aborts).
      throw new CliError(
        `Updated to ${GENERATOR_VERSION} with conflicts in ${conflicted.length} file(s); resolve the markers, then commit:\n` +
          conflicted.map((f) => `  ${f}`).join('\n') +
          keptText(kept) +
          `\n(or abandon the update with: git merge --abort)`,
        EXIT.updateConflicts,
      );
    }
    await git(projectDir, ['commit', '--quiet', '--no-verify', '-m', message], env);
  }
  atStep('update-merged');
  await guard.settle();
  return { kept };
}

async function rollBack(projectDir: string, head: string, pristine: string): Promise<void> {
  await execa('git', ['merge', '--abort'], { cwd: projectDir, reject: false, stdin: 'ignore' });
  await git(projectDir, ['reset', '--quiet', '--hard', head]);
  await git(projectDir, ['branch', '--force', PRISTINE_BRANCH, pristine]);
}

function keptText(kept: readonly string[]): string {
  return kept.map((f) => `\n  kept modified file removed upstream: ${f}`).join('');
}
