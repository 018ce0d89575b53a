import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isModuleFolder,
  moduleNameOf,
  moduleLayout,
  type ModuleLayout,
} from '../catalog/targets/module-layout.js';
import type { TargetDefinition } from '../catalog/targets/types.js';
import { CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { buildManifest, MANIFEST_FILE, serializeManifest } from '../manifest/manifest.js';
import { applyPreset } from '../preset/overlay.js';
import { presetRecord } from '../preset/load.js';
import { renderAdr } from '../recommend/index.js';
import { TEMPLATES_ROOT } from '../package-info.js';
import { createEngine } from './engine.js';
import { formatTree } from './format.js';
import { RENDER_FEATURES, recordedFeatures, type ProjectPlan } from './plan.js';
import { pruneLockfile, serializeLockfile } from './lockfile.js';
import { renderDirectory } from './render-dir.js';
import { VirtualTree } from './tree.js';

export const ADR_PATH = 'docs/adr/0001-framework-choice.md';
/** Node major the TypeScript templates target (Node 24 LTS). */
export const NODE_MAJOR = '24';

/** The Handlebars context every template sees (documented in the README's "Add a target"). */
export function templateContext(plan: ProjectPlan): object {
  return {
    projectName: plan.profile.projectName,
    description: plan.profile.description,
    generatorVersion: plan.generatorVersion,
    framework: plan.framework,
    nodeVersion: NODE_MAJOR,
    features: plan.features,
    profile: plan.profile,
    preset: plan.preset
      ? { name: plan.preset.preset.name, version: plan.preset.preset.version }
      : undefined,
  };
}

/**
 * Template folders for a plan, in application order: the target's shared layers, the target,
 * then each feature in catalog order: its layer halves (framework-free, shared by the targets on
 * a layer), then the target's own half. A feature needs at least one of them; which exist is
 * checked against the catalog by test/contract.
 */
export function templateLayers(plan: ProjectPlan, root = TEMPLATES_ROOT): string[] {
  const layers = plan.target.layers;
  return [
    ...layers.map((layer) => join(root, 'layers', layer)),
    join(root, 'targets', plan.framework),
    ...RENDER_FEATURES.filter((f) => plan.features[f]).flatMap((f) => {
      const halves = [...layers, plan.framework]
        .map((source) => join(root, 'features', f, source))
        .filter((dir) => existsSync(dir));
      // None at all: this installation lacks the feature's templates (reported by renderProject).
      return halves.length > 0 ? halves : [join(root, 'features', f, plan.framework)];
    }),
  ];
}

/**
 * A Node target commits one lockfile with every optional feature's packages; the rendered
 * package.json lists only the features that are on, so the lockfile is cut down to match it.
 */
function pruneNpmLockfile(tree: VirtualTree): void {
  const manifest = tree.read('package.json');
  const lock = tree.get('package-lock.json');
  if (manifest === undefined || lock === undefined) return;
  const pruned = pruneLockfile(JSON.parse(lock.content.toString('utf8')), JSON.parse(manifest));
  tree.write('package-lock.json', serializeLockfile(pruned), lock.mode, lock.rendered);
}

/** Modules are discovered from the rendered tree: a module folder with its entry point. */
export function modulesOf(
  tree: VirtualTree,
  layout: ModuleLayout = moduleLayout(undefined),
): string[] {
  const { dir, entryPoint } = layout;
  const names = tree
    .paths()
    .map((p) => (p.startsWith(`${dir}/`) ? p.slice(dir.length + 1).split('/') : []))
    .filter((parts) => parts.length === 2 && parts[1] === entryPoint)
    .map((parts) => parts[0]!)
    .filter((folder) => isModuleFolder(layout, folder))
    .map((folder) => moduleNameOf(layout, folder));
  return [...new Set(names)].sort();
}

/** Renders the whole project into memory: templates, ADR and manifest, then formatted. Pure of disk writes. */
export async function renderProject(
  plan: ProjectPlan,
  root = TEMPLATES_ROOT,
): Promise<VirtualTree> {
  const engine = createEngine();
  const tree = new VirtualTree();
  const context = templateContext(plan);
  for (const layer of templateLayers(plan, root)) {
    try {
      await access(layer);
    } catch {
      throw new CliError(
        `internal: template folder ${layer} is missing from this installation (please report it)`,
        EXIT.internal,
      );
    }
    await renderDirectory(engine, layer, context, tree);
  }
  const replaced = plan.preset ? await applyPreset(plan.preset, context, tree) : [];
  pruneNpmLockfile(tree);
  const standard = plan.preset
    ? {
        name: plan.preset.preset.name,
        version: plan.preset.preset.version,
        allowedFrameworks: plan.preset.preset.allowedFrameworks,
        replaced,
      }
    : undefined;
  tree.write(
    ADR_PATH,
    renderAdr(
      plan.profile,
      plan.recommendation,
      plan.generatorVersion,
      standard,
      plan.featureDecisions,
    ),
  );
  const features = recordedFeatures(plan.features);
  tree.write(
    MANIFEST_FILE,
    serializeManifest(
      buildManifest({
        generatorVersion: plan.generatorVersion,
        framework: plan.framework,
        profile: plan.profile,
        recommendation: plan.recommendation,
        modules: modulesOf(tree, moduleLayout(plan.target)),
        features,
        preset: plan.preset ? presetRecord(plan.preset) : undefined,
      }),
    ),
  );
  await formatTree(tree);
  return tree;
}
