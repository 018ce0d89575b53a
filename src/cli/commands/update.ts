import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { GENERATOR_VERSION } from '../../package-info.js';
import { git, identityEnv, insideGitWorkTree, PRISTINE_BRANCH } from '../../post/git.js';
import { recommend } from '../../recommend/index.js';
import { planProject } from '../../render/plan.js';
import { renderProject } from '../../render/project.js';
import type { VirtualTree } from '../../render/tree.js';
import { containedPath } from '../../write/contain.js';
import { badInput, CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { say } from '../output.js';
import { generatedProject } from './add.js';

export interface UpdateOptions {
  directory?: string;
  dryRun?: boolean;
}

/** Renders the project again, with this generator, from the answers its manifest recorded. */
async function renderFromManifest(projectDir: string): Promise<VirtualTree> {
  const manifest = await generatedProject(projectDir);
  const profile = manifest.profile;
  return renderProject(
    planProject({
      profile,
      recommendation: recommend(profile),
      generatorVersion: GENERATOR_VERSION,
      conformanceFixtures: manifest.features.includes('conformance'),
    }),
  );
}

/**
 * Commits `tree` as the next pristine render, on a detached worktree of the pristine branch, so
 * the user's working tree is never touched. Returns the new commit, or undefined when the render
 * is identical to the previous one.
 */
async function commitPristine(projectDir: string, tree: VirtualTree): Promise<string | undefined> {
  const scratch = await mkdtemp(join(tmpdir(), 'csb-update-'));
  const worktree = join(scratch, 'pristine');
  await git(projectDir, ['worktree', 'add', '--quiet', '--detach', worktree, PRISTINE_BRANCH]);
  try {
    await git(worktree, ['rm', '-r', '--quiet', '--ignore-unmatch', '.']);
    for (const path of tree.paths()) {
      const file = tree.get(path)!;
      const destination = containedPath(worktree, path);
      await mkdir(dirname(destination), { recursive: true });
      await writeFile(destination, file.content, { mode: file.mode });
    }
    await git(worktree, ['add', '--all']);
    const unchanged = await execa('git', ['diff', '--cached', '--quiet'], {
      cwd: worktree,
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
      await identityEnv(projectDir),
    );
    return await git(worktree, ['rev-parse', 'HEAD']);
  } finally {
    await git(projectDir, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function runUpdate(options: UpdateOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? process.cwd());
  if (!(await insideGitWorkTree(projectDir))) {
    throw badInput(
      `${projectDir} is not a git repository; update merges through git, so commit the project to git first`,
    );
  }
  await generatedProject(projectDir);
  const dirty = await git(projectDir, ['status', '--porcelain']);
  if (dirty !== '') {
    throw badInput(
      `the working tree has uncommitted changes; commit or stash them first:\n${dirty}`,
    );
  }
  const hasPristine = await execa(
    'git',
    ['rev-parse', '--verify', '--quiet', `refs/heads/${PRISTINE_BRANCH}`],
    {
      cwd: projectDir,
      reject: false,
    },
  );
  if (hasPristine.exitCode !== 0) {
    throw badInput(
      `branch ${PRISTINE_BRANCH} (the render this project started from) is missing; update needs it as the merge base (a repository set up with "adopt" never had one, so update is not available there)`,
    );
  }

  const tree = await renderFromManifest(projectDir);
  const next = await commitPristine(projectDir, tree);
  if (next === undefined) {
    say(
      `Already up to date: create-scalable-backend ${GENERATOR_VERSION} renders this project exactly as before.`,
    );
    return EXIT.ok;
  }
  if (options.dryRun) {
    say(
      `Dry run: nothing was changed. The template changes that update would merge into your branch:\n`,
    );
    say(
      (await execa('git', ['diff', '--stat', PRISTINE_BRANCH, next], { cwd: projectDir })).stdout,
    );
    say('');
    say(await git(projectDir, ['diff', PRISTINE_BRANCH, next]));
    return EXIT.ok;
  }
  await git(projectDir, ['branch', '--force', PRISTINE_BRANCH, next]);
  const merge = await execa(
    'git',
    [
      'merge',
      '--no-ff',
      '--no-verify',
      '-m',
      `chore: update to create-scalable-backend ${GENERATOR_VERSION}`,
      PRISTINE_BRANCH,
    ],
    { cwd: projectDir, reject: false, env: await identityEnv(projectDir), stdin: 'ignore' },
  );
  if (merge.exitCode !== 0) {
    const conflicted = (await git(projectDir, ['diff', '--name-only', '--diff-filter=U']))
      .split('\n')
      .filter(Boolean);
    if (conflicted.length === 0) {
      throw new CliError(`git merge failed: ${merge.stderr || merge.stdout}`, EXIT.internal);
    }
    throw new CliError(
      `Updated to ${GENERATOR_VERSION} with conflicts in ${conflicted.length} file(s); resolve the markers, then commit:\n` +
        conflicted.map((f) => `  ${f}`).join('\n') +
        `\n(or abandon the update with: git merge --abort)`,
      EXIT.updateConflicts,
    );
  }
  const { stdout: changed } = await execa('git', ['diff', '--stat', 'HEAD^1', 'HEAD'], {
    cwd: projectDir,
  });
  say(
    `Updated to create-scalable-backend ${GENERATOR_VERSION}; your edits were kept (3-way merge against the previous render).`,
  );
  if (changed) say(changed);
  return EXIT.ok;
}
