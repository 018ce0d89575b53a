import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { GENERATOR_VERSION } from '../../package-info.js';
import { git, identityEnv, insideGitWorkTree, PRISTINE_BRANCH } from '../../post/git.js';
import { loadPreset, type LoadedPreset } from '../../preset/load.js';
import { mergeLayers } from '../../profile/paths.js';
import { profileSchema, type Profile } from '../../profile/schema.js';
import {
  policyOf,
  recommend,
  recommendationStanding,
  recommendUnder,
} from '../../recommend/index.js';
import type { Manifest } from '../../manifest/manifest.js';
import { planProject } from '../../render/plan.js';
import { renderProject } from '../../render/project.js';
import type { VirtualTree } from '../../render/tree.js';
import { containedPath } from '../../write/contain.js';
import { atStep } from '../../write/faults.js';
import { SignalGuard } from '../../write/signals.js';
import { badInput, CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { say } from '../output.js';
import { generatedProject } from './add.js';

export interface UpdateOptions {
  directory?: string;
  dryRun?: boolean;
  preset?: string;
}

/**
 * Renders the project again, with this generator, from the answers its manifest recorded, under
 * its preset's current version (or the one `--preset` names). The framework never changes here:
 * whether the recommendation still holds is reported, not acted on.
 */
async function renderFromManifest(
  manifest: Manifest,
  projectDir: string,
  presetSpec: string | undefined,
): Promise<{ tree: VirtualTree; preset: LoadedPreset | undefined }> {
  const spec = presetSpec ?? manifest.preset?.source;
  const preset = spec ? await loadPreset(spec, projectDir, GENERATOR_VERSION) : undefined;
  if (preset && manifest.preset && preset.preset.name !== manifest.preset.name) {
    throw badInput(
      `--preset ${spec} is ${preset.preset.name}, but this project follows ${manifest.preset.name}`,
    );
  }
  const profile = preset?.preset.fixed
    ? (profileSchema.parse(mergeLayers(manifest.profile, preset.preset.fixed)) as Profile)
    : manifest.profile;
  let recommendation = recommend(profile);
  try {
    recommendation = recommendUnder(profile, policyOf(preset?.preset));
  } catch {
    // A policy that no longer allows the project's framework: reported by the standing check.
  }
  if (recommendation.chosen !== manifest.framework) {
    recommendation = { ...recommendation, chosen: manifest.framework };
  }
  const tree = await renderProject(
    planProject({
      profile,
      recommendation,
      generatorVersion: GENERATOR_VERSION,
      conformanceFixtures: manifest.features.includes('conformance'),
      preset,
    }),
  );
  return { tree, preset };
}

/**
 * Git environment that writes new objects to a scratch directory while reading the project's
 * own: a dry run leaves not even an unreferenced object behind in the repository.
 */
async function scratchObjectsEnv(
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
async function commitPristine(
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

/** Says whether the recommendation recorded at generation still holds under this version. */
function reportStanding(manifest: Manifest): void {
  const standing = recommendationStanding(
    {
      framework: manifest.framework,
      top: manifest.recommendation.top,
      chosen: manifest.recommendation.chosen,
      overridden: manifest.recommendation.overridden,
    },
    manifest.profile,
  );
  say(
    standing.holds
      ? standing.message
      : `Note: the recommendation behind this project no longer holds. ${standing.message}\n` +
          '  Review docs/adr/0001-framework-choice.md; "create-scalable-backend recommend" shows the full ranking.',
  );
}

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

export async function runUpdate(options: UpdateOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? process.cwd());
  if (!(await insideGitWorkTree(projectDir))) {
    throw badInput(
      `${projectDir} is not a git repository; update merges through git, so commit the project to git first`,
    );
  }
  const manifest = await generatedProject(projectDir);
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

  const { tree, preset } = await renderFromManifest(manifest, projectDir, options.preset);
  if (preset)
    say(
      `Preset: ${preset.preset.name}@${preset.preset.version} (was ${manifest.preset?.version ?? 'none'}).`,
    );
  const scratch = await mkdtemp(join(tmpdir(), 'csb-update-'));
  try {
    const objectsEnv = options.dryRun ? await scratchObjectsEnv(projectDir, scratch) : {};
    const next = await commitPristine(projectDir, scratch, tree, objectsEnv);
    if (next === undefined) {
      say(
        `Already up to date: create-scalable-backend ${GENERATOR_VERSION} renders this project exactly as before.`,
      );
      reportStanding(manifest);
      return EXIT.ok;
    }
    if (options.dryRun) {
      say(
        `Dry run: nothing was changed. The template changes that update would merge into your branch:\n`,
      );
      const diff = (args: string[]) =>
        execa('git', ['diff', ...args, PRISTINE_BRANCH, next], {
          cwd: projectDir,
          env: objectsEnv,
        });
      say((await diff(['--stat'])).stdout);
      say('');
      say((await diff([])).stdout);
      reportStanding(manifest);
      return EXIT.ok;
    }
    reportStanding(manifest);
    return await mergePristine(projectDir, next);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Moves the pristine branch to `next` and merges it into the user's branch. Any failure or
 * SIGINT/SIGTERM before the end puts everything back: HEAD, the work tree (it was clean, so a
 * hard reset loses nothing of the user's) and the pristine branch (U11).
 */
async function mergePristine(projectDir: string, next: string): Promise<number> {
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
