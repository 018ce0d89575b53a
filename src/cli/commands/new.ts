import { basename, dirname, resolve } from 'node:path';
import { select } from '@inquirer/prompts';
import { GENERATOR_VERSION } from '../../package-info.js';
import { commandExists, runCommand } from '../../post/run.js';
import { dirtyPaths, initialCommit } from '../../post/git.js';
import { installCommand, packageManagerFromUserAgent } from '../../post/install.js';
import { askProjectName } from '../../prompts/profile.js';
import type { FrameworkId, PackageManager } from '../../profile/ids.js';
import { projectNameProblems } from '../../profile/project-name.js';
import { completeProfile } from '../../profile/resolve.js';
import type { Profile } from '../../profile/schema.js';
import { loadPreset } from '../../preset/load.js';
import {
  formatRecommendationTable,
  policyOf,
  recommendUnder,
  type Recommendation,
} from '../../recommend/index.js';
import { featureSummary, planProject } from '../../render/plan.js';
import { renderProject } from '../../render/project.js';
import type { VirtualTree } from '../../render/tree.js';
import { commitTree, removeStaleStaging } from '../../write/commit.js';
import { enclosingJsProject } from '../../write/enclosing-project.js';
import { enclosingGitRoot } from '../../write/git-root.js';
import { inspectTarget, type TargetState } from '../../write/preflight.js';
import { SignalGuard } from '../../write/signals.js';
import { badInput, CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { gatherAnswers, isInteractive } from '../gather.js';
import { say, warn } from '../output.js';

export interface NewOptions extends Record<string, unknown> {
  directory?: string;
  dryRun?: boolean;
  install: boolean;
  git: boolean;
  packageManager?: PackageManager;
  force?: boolean;
  yes?: boolean;
  conformanceFixtures?: boolean;
  preset?: string;
}

const DEFAULT_NAME = 'my-api';

function checkName(name: string): string {
  const problems = projectNameProblems(name);
  if (problems.length > 0) {
    throw badInput(`Invalid project name ${JSON.stringify(name)}: ${problems.join('; ')}`);
  }
  return name;
}

/** Project name and directory: `.` means the current directory, named after it. */
async function nameAndDirectory(
  nameArg: string | undefined,
  options: NewOptions,
  interactive: boolean,
): Promise<{ name: string; directory: string }> {
  if (nameArg === '.') {
    const directory = process.cwd();
    return { name: checkName(basename(directory)), directory };
  }
  const name = checkName(
    nameArg ?? (interactive && !options.yes ? await askProjectName(DEFAULT_NAME) : DEFAULT_NAME),
  );
  return { name, directory: resolve(options.directory ?? name) };
}

/** Offers the ranking and lets the user accept the recommendation or pick another scaffoldable framework. */
async function confirmFramework(rec: Recommendation): Promise<FrameworkId> {
  const options = rec.ranking.filter((c) => c.scaffoldable);
  if (options.length <= 1) return rec.chosen;
  return select({
    message: 'Framework to scaffold',
    default: rec.chosen,
    choices: options.map((c) => ({
      value: c.id,
      name: `${c.displayName} (${c.score})${c.id === rec.chosen ? '  ← recommended' : ''}`,
    })),
  });
}

function printDryRun(
  tree: VirtualTree,
  directory: string,
  state: TargetState,
  commands: string[][],
): void {
  say(`Dry run: nothing was written. Would write ${tree.size} files to ${directory}:`);
  const existing =
    state.kind === 'allowlisted' || state.kind === 'non-empty' ? new Set(state.entries) : new Set();
  for (const path of tree.paths()) {
    const verb = existing.has(path.split('/')[0]!) && !path.includes('/') ? 'UPDATE' : 'CREATE';
    say(`  ${verb} ${path} (${tree.get(path)!.content.length} bytes)`);
  }
  say('Would run:');
  for (const argv of commands) say(`  ${argv.join(' ')}`);
}

export async function runNew(nameArg: string | undefined, options: NewOptions): Promise<number> {
  const interactive = isInteractive() && !options.yes;
  const { name, directory } = await nameAndDirectory(nameArg, options, interactive);

  const pm =
    options.packageManager ?? packageManagerFromUserAgent(process.env.npm_config_user_agent);
  if (options.install && options.packageManager && !options.dryRun && !(await commandExists(pm))) {
    throw badInput(
      `--package-manager ${pm} was asked for, but ${pm} is not installed (not found on PATH)`,
    );
  }
  const state = await inspectTarget(directory, Boolean(options.force));
  const enclosing = await enclosingJsProject(directory);
  if (enclosing) {
    warn(
      `creating inside another JavaScript project (${enclosing}); the new project installs on its own and that one is not changed`,
    );
  }

  // A bad preset fails here, before any question is asked or anything is written.
  const preset = options.preset
    ? await loadPreset(options.preset, process.cwd(), GENERATOR_VERSION)
    : undefined;
  const policy = policyOf(preset?.preset);
  const answers = await gatherAnswers(options, {
    interactive,
    yes: Boolean(options.yes),
    preset: preset?.preset,
  });
  let profile: Profile = completeProfile(answers, name);
  let rec = recommendUnder(profile, policy);
  say(formatRecommendationTable(rec));
  if (interactive && profile.framework === undefined) {
    const picked = await confirmFramework(rec);
    if (picked !== rec.chosen) {
      profile = { ...profile, framework: picked };
      rec = recommendUnder(profile, policy);
    }
  }

  const plan = planProject({
    profile,
    recommendation: rec,
    generatorVersion: GENERATOR_VERSION,
    conformanceFixtures: Boolean(options.conformanceFixtures),
    preset,
  });
  const tree = await renderProject(plan);

  const gitRoot = await enclosingGitRoot(directory);
  if (state.kind === 'non-empty' && gitRoot && !options.dryRun) {
    const collisions = tree.paths().filter((p) => state.entries.includes(p.split('/')[0]!));
    const dirty = await dirtyPaths(directory, collisions);
    if (dirty.length > 0) {
      throw badInput(
        `--force would overwrite files with uncommitted changes: ${dirty.join(', ')}; commit or stash them first`,
      );
    }
  }

  // Never nest a repository inside another one, nor commit into a repository the user brought.
  const useGit = options.git && gitRoot === undefined;
  const install = options.install ? installCommand(plan.target, pm) : undefined;
  if (options.dryRun) {
    const commands = [
      ...(useGit
        ? [
            ['git', 'init'],
            ['git', 'add', '--all'],
            ['git', 'commit'],
          ]
        : []),
      ...(install ? [[...install]] : []),
    ];
    printDryRun(tree, directory, state, commands);
    return EXIT.ok;
  }

  for (const stale of await removeStaleStaging(dirname(directory), basename(directory))) {
    warn(`removed ${stale}, left by an earlier run that was killed before it finished`);
  }
  const guard = new SignalGuard().start();
  let report;
  try {
    report = await commitTree(tree, directory, state, guard);
  } finally {
    guard.stop();
  }
  say(`\nCreated ${plan.framework} project "${name}" in ${directory} (${tree.size} files).`);
  if (preset) say(`  following preset ${preset.preset.name}@${preset.preset.version}`);
  for (const line of featureSummary(plan.featureDecisions)) say(`  ${line}`);
  for (const path of report.overwritten) say(`  overwrote ${path}`);
  if (report.backupDir) say(`  previous versions of overwritten files: ${report.backupDir}`);
  for (const kept of report.keptBeside)
    say(`  kept your ${kept.path}; the template's version is ${kept.templateCopy}`);

  const failures: string[] = [];
  if (options.git && !useGit) say(`Skipped git init: ${gitRoot} is already a git repository.`);
  if (useGit) {
    try {
      await initialCommit(
        directory,
        `chore: scaffold with create-scalable-backend ${GENERATOR_VERSION}`,
      );
      say('Initialised git with the pristine render as the first commit.');
    } catch (error) {
      failures.push(`git init/commit failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (install) {
    say(`Installing dependencies: ${install.join(' ')}`);
    const result = await runCommand(install, directory);
    if (!result.ok) {
      failures.push(
        `${install.join(' ')} failed: ${result.error}. Retry: cd ${directory} && ${install.join(' ')}`,
      );
    }
  }
  if (failures.length > 0) {
    throw new CliError(
      `Project created at ${directory}, but:\n  ${failures.join('\n  ')}`,
      EXIT.postStepFailed,
    );
  }
  say('\nNext steps:');
  say(`  cd ${directory}`);
  if (!install) say(`  ${plan.target.commands.install.join(' ')}`);
  say(
    `  ${plan.target.commands.dev.join(' ')}    # ${plan.target.devNote ?? 'runs with an embedded database, nothing else to install'}`,
  );
  say('  Read docs/adr/0001-framework-choice.md for why this framework was chosen.');
  return EXIT.ok;
}
