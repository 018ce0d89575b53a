import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GENERATOR_NAMES, type GeneratorName } from '../../../generators/index.js';
import { findTarget } from '../../catalog/targets/index.js';
import {
  isModuleFolder,
  moduleFolder,
  moduleNameOf,
  moduleLayout,
  type ModuleLayout,
} from '../../catalog/targets/module-layout.js';
import type { TargetDefinition } from '../../catalog/targets/types.js';
import { generatorAnswers, type GeneratorFlags } from '../../add/generator-options.js';
import { nameProblem } from '../../add/module-name.js';
import { collisions, renderAddition } from '../../add/render-addition.js';
import { compareVersions } from '../../add/version.js';
import {
  MANIFEST_FILE,
  readManifest,
  serializeManifest,
  type Manifest,
} from '../../manifest/manifest.js';
import { GENERATOR_VERSION } from '../../package-info.js';
import { dirtyPaths } from '../../post/git.js';
import { formatTree } from '../../render/format.js';
import { VirtualTree } from '../../render/tree.js';
import { applyFiles } from '../../write/apply-files.js';
import { SignalGuard } from '../../write/signals.js';
import { badInput } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { say, warn } from '../output.js';
import { insidePreset, loadPreset } from '../../preset/load.js';

export interface AddOptions extends GeneratorFlags {
  directory?: string;
  preset?: string;
  dryRun?: boolean;
  allowDirty?: boolean;
}

/** The project to extend, refused unless we generated it with this CLI or an older one (M03). */
export async function generatedProject(directory: string): Promise<Manifest> {
  const manifest = await readManifest(directory);
  if (!manifest) {
    throw badInput(
      `${directory} is not a create-scalable-backend project (no ${MANIFEST_FILE}); run the command inside a generated project or pass --directory`,
    );
  }
  if (compareVersions(manifest.generatorVersion, GENERATOR_VERSION) > 0) {
    throw badInput(
      `this project was created by create-scalable-backend ${manifest.generatorVersion} > this CLI ${GENERATOR_VERSION}; upgrade the CLI`,
    );
  }
  return manifest;
}

/** What to do after an addition, in the project's own commands (npm scripts, go test...). */
function nextSteps(generator: GeneratorName, commands: TargetDefinition['commands']): string {
  const test = commands.test.join(' ');
  const steps: Record<GeneratorName, string> = {
    module: `Next: run the new module's tests with "${test}"; its migration runs with the others on "${commands.migrate.join(' ')}".`,
    // Where the logic goes differs (a use case in Node, the controller method in Spring Boot, the
    // handler in Go): the generated code says where, with a comment.
    route: `Next: give the route its logic where the generated code marks it, then "${test}".`,
    event: `Next: publish the event where it happens, make the handler do its work, then "${test}".`,
    job: 'Next: put the work in the generated job; a timer job runs once the server listens, a queue job (docs/jobs.md) in the worker when enqueued.',
  };
  return steps[generator];
}

/**
 * The team preset's extra templates for this generator, if it has any. `--preset` names the
 * preset (a bad one is exit 2); the one the manifest records is optional here: when it cannot be
 * found the add goes on with ours and says so.
 */
async function presetTemplates(
  projectDir: string,
  manifest: Manifest,
  generator: GeneratorName,
  presetSpec: string | undefined,
): Promise<string | undefined> {
  const spec = presetSpec ?? manifest.preset?.source;
  if (spec === undefined) return undefined;
  let loaded;
  try {
    loaded = await loadPreset(spec, projectDir, GENERATOR_VERSION);
  } catch (error) {
    if (presetSpec !== undefined) throw error;
    warn(
      `preset ${manifest.preset?.name} was not found at ${spec}; its add templates (if any) are skipped (pass --preset <where it is> to use them)`,
    );
    return undefined;
  }
  const dir = loaded.preset.generators?.[generator];
  return dir === undefined
    ? undefined
    : insidePreset(loaded.location, dir, `generators.${generator}`);
}

/** Modules the project has: the manifest's list plus any folder in its modules folder (hand-made). */
async function projectModules(
  projectDir: string,
  manifest: Manifest,
  layout: ModuleLayout,
): Promise<string[]> {
  const folders = await readdir(join(projectDir, layout.dir), { withFileTypes: true }).catch(
    () => [],
  );
  // `_`-prefixed folders (Python's __pycache__), hidden ones and shared code are not modules.
  const found = folders
    .filter((d) => d.isDirectory() && isModuleFolder(layout, d.name))
    .map((d) => moduleNameOf(layout, d.name));
  return [...new Set([...manifest.modules, ...found])].sort();
}

export async function runAdd(
  generatorArg: string,
  name: string,
  options: AddOptions,
): Promise<number> {
  if (!(GENERATOR_NAMES as readonly string[]).includes(generatorArg)) {
    throw badInput(
      `unknown generator ${JSON.stringify(generatorArg)}; available: ${GENERATOR_NAMES.join(', ')}`,
    );
  }
  const generator = generatorArg as GeneratorName;
  const projectDir = resolve(options.directory ?? process.cwd());
  // The name is checked before anything is read, so a hostile name never reaches a path (M01).
  const problem = nameProblem(name, generator);
  if (problem) throw badInput(problem);
  const manifest = await generatedProject(projectDir);
  const layout = moduleLayout(findTarget(manifest.framework));
  const modules = await projectModules(projectDir, manifest, layout);
  const flagged = generatorAnswers(generator, name, options, modules, {
    queue: manifest.features.includes('jobs'),
  });
  if (typeof flagged === 'string') throw badInput(flagged);
  // Templates that need the project's own import path (Go) get the project name.
  const answers = { ...flagged, projectName: manifest.profile.projectName };

  const moduleDir = `${layout.dir}/${moduleFolder(layout, name)}`;
  if (generator === 'module' && modules.includes(name)) {
    throw badInput(`module \`${name}\` already exists (${moduleDir})`);
  }
  const addition = await renderAddition({
    projectDir,
    framework: manifest.framework,
    generator,
    answers,
    presetTemplateDir: await presetTemplates(projectDir, manifest, generator, options.preset),
  });
  const inTheWay = await collisions(projectDir, addition.created);
  if (inTheWay.length > 0) {
    const where = generator === 'module' ? '' : ` in module \`${answers.module}\``;
    throw badInput(
      `${generator} \`${name}\` already exists${where} (${inTheWay.join(', ')}); nothing was written`,
    );
  }

  const changes = new VirtualTree();
  for (const path of addition.created.paths())
    changes.write(path, addition.created.get(path)!.content);
  for (const [path, text] of addition.modified) changes.write(path, text);
  if (generator === 'module') {
    // Formatted like the manifest a fresh project gets, so the diff shows only the new module.
    const manifestTree = new VirtualTree();
    const listed = [...new Set([...manifest.modules, name])].sort();
    manifestTree.write(MANIFEST_FILE, serializeManifest({ ...manifest, modules: listed }));
    await formatTree(manifestTree);
    changes.write(MANIFEST_FILE, manifestTree.get(MANIFEST_FILE)!.content);
  }

  const touched = [...addition.modified.keys(), ...(generator === 'module' ? [MANIFEST_FILE] : [])];
  const dirty = await dirtyPaths(projectDir, touched);
  if (dirty.length > 0 && !options.allowDirty) {
    throw badInput(
      `uncommitted changes in files this would modify: ${dirty.join(', ')}; commit them first or pass --allow-dirty`,
    );
  }

  const verbFor = (path: string) => (addition.created.has(path) ? 'CREATE' : 'UPDATE');
  if (options.dryRun) {
    say(
      `Dry run: nothing was written. "add ${generator} ${name}" would change ${changes.size} files in ${projectDir}:`,
    );
    for (const path of changes.paths()) say(`  ${verbFor(path)} ${path}`);
    return EXIT.ok;
  }
  const guard = new SignalGuard().start();
  try {
    await applyFiles(changes, projectDir, guard);
  } finally {
    guard.stop();
  }
  say(`Added ${generator} "${name}" to ${projectDir}:`);
  for (const path of changes.paths()) say(`  ${verbFor(path)} ${path}`);
  for (const m of addition.skipped) {
    say(`  SKIP   ${m.file}: its "${m.marker}" marker is gone; add by hand: ${m.snippet}`);
  }
  const commands = findTarget(manifest.framework)?.commands;
  if (commands) say(`\n${nextSteps(generator, commands)}`);
  return EXIT.ok;
}
