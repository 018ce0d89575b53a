import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { frameworksWithAddTemplates } from '../../adopt/add-templates.js';
import { compatibilityGaps, formatGaps } from '../../adopt/compatibility.js';
import { dependenciesLookedFor, detectFramework } from '../../adopt/detect-framework.js';
import { existingModules, MODULES_DIR } from '../../adopt/modules.js';
import { readPackageJson } from '../../adopt/package-json.js';
import { adoptedProjectName } from '../../adopt/project-name.js';
import { buildManifest, MANIFEST_FILE, serializeManifest } from '../../manifest/manifest.js';
import { GENERATOR_VERSION } from '../../package-info.js';
import { completeProfile } from '../../profile/resolve.js';
import { recommend } from '../../recommend/index.js';
import { formatTree } from '../../render/format.js';
import { VirtualTree } from '../../render/tree.js';
import { applyFiles } from '../../write/apply-files.js';
import { SignalGuard } from '../../write/signals.js';
import { badInput } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { gatherAnswers, isInteractive } from '../gather.js';
import { say } from '../output.js';

export interface AdoptOptions extends Record<string, unknown> {
  directory?: string;
  dryRun?: boolean;
  yes?: boolean;
}

/** Recorded in the manifest so later commands can tell an adopted repository from a generated one. */
export const ADOPTED_FEATURE = 'adopted';

async function existingDirectory(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw badInput(`${path} does not exist; pass the repository to adopt with --directory`);
    }
    throw badInput(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (!info.isDirectory()) throw badInput(`${path} is not a directory`);
}

async function present(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Makes a repository we did not generate usable by `add`: detects its framework, asks the
 * profile, and writes only the manifest. Every other file is left exactly as it was.
 */
export async function runAdopt(options: AdoptOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? process.cwd());
  await existingDirectory(projectDir);
  if (await present(join(projectDir, MANIFEST_FILE))) {
    throw badInput(
      `${projectDir} is already a create-scalable-backend project (${MANIFEST_FILE} found); use update/add`,
    );
  }

  const packageJson = await readPackageJson(projectDir);
  const detected = detectFramework(packageJson);
  if (!detected) {
    throw badInput(
      `no supported framework found in package.json (looked for: ${dependenciesLookedFor().join(', ')} in dependencies and devDependencies)`,
    );
  }
  const { framework } = detected;
  // Flags and the answers file only (no prompts yet), so a contradiction fails before any question.
  const given = await gatherAnswers(options, { interactive: false, yes: true });
  if (given.framework !== undefined && given.framework !== framework) {
    throw badInput(
      `the answers say framework ${given.framework}, but package.json depends on ${detected.dependency}, so this is a ${framework} project; ` +
        `adopt keeps the framework the code uses (drop --framework or set it to ${framework})`,
    );
  }
  const supported = await frameworksWithAddTemplates();
  if (!supported.includes(framework)) {
    throw badInput(
      `${framework} is detected, but \`add\` has no templates for it yet; supported: ${supported.join(', ') || 'none'}`,
    );
  }

  const interactive = isInteractive() && !options.yes;
  const answers = await gatherAnswers(options, { interactive, yes: Boolean(options.yes) });
  const profile = completeProfile(
    { ...answers, framework },
    answers.projectName ?? adoptedProjectName(packageJson.name, projectDir),
  );
  const recommendation = recommend(profile);
  const modules = await existingModules(projectDir);
  const manifest = buildManifest({
    generatorVersion: GENERATOR_VERSION,
    framework,
    profile,
    recommendation,
    modules,
    features: [ADOPTED_FEATURE],
  });
  // Formatted exactly like the manifest a generated project gets.
  const tree = new VirtualTree();
  tree.write(MANIFEST_FILE, serializeManifest(manifest));
  await formatTree(tree);
  const gaps = await compatibilityGaps(projectDir, framework);
  const manifestPath = join(projectDir, MANIFEST_FILE);

  if (options.dryRun) {
    say(`Dry run: nothing was written. adopt would create ${manifestPath}:`);
    say(tree.read(MANIFEST_FILE)!.trimEnd());
  } else {
    const guard = new SignalGuard().start();
    try {
      await applyFiles(tree, projectDir, guard);
    } finally {
      guard.stop();
    }
  }

  const also = detected.alsoFound.length > 0 ? `; also found ${detected.alsoFound.join(', ')}` : '';
  say(`${options.dryRun ? 'Would adopt' : 'Adopted'} ${projectDir} as a ${framework} project.`);
  say(`  framework: ${framework} (package.json depends on ${detected.dependency}${also})`);
  say(
    `  modules:   ${modules.length > 0 ? modules.join(', ') : `none (no directories under ${MODULES_DIR}/)`}`,
  );
  say(
    `  manifest:  ${manifestPath}${options.dryRun ? ' (not written)' : ''}; no other file was changed`,
  );
  if (recommendation.top !== framework) {
    say(
      `  note: for this profile the recommendation would be ${recommendation.top}; the manifest keeps ${framework}, the framework the code uses`,
    );
  }
  say('');
  for (const line of formatGaps(gaps, framework)) say(line);
  say('\nNext steps:');
  say(
    '  create-scalable-backend add module <name>    # a new module with its table, migration, routes, service and test',
  );
  say(
    '  update is not available for adopted projects: there is no pristine render of this repository to merge template changes through',
  );
  return EXIT.ok;
}
