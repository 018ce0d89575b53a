import { jest } from '@jest/globals';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  GENERATOR_NAMES,
  listTemplateFiles,
  registrationsFor,
  type GeneratorAnswers,
} from '../../generators/index.js';
import {
  generatorTemplateDirs,
  renderAddition,
  templateSources,
} from '../../src/add/render-addition.js';
import { targets } from '../../src/catalog/targets/index.js';
import { isModuleFolder, moduleLayout } from '../../src/catalog/targets/module-layout.js';
import { TEMPLATES_ROOT } from '../../src/package-info.js';
import { recommend } from '../../src/recommend/index.js';
import { planProject } from '../../src/render/plan.js';
import { renderProject } from '../../src/render/project.js';
import type { VirtualTree } from '../../src/render/tree.js';
import type { FrameworkId } from '../../src/profile/ids.js';
import { validatePartialProfile } from '../../src/profile/answers-file.js';
import { completeProfile } from '../../src/profile/resolve.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * `add` generators ↔ target templates: every generator has templates for every target that has
 * module templates, and every marker a generator registers at exists in the freshly generated
 * project (for route/event/job: in the starter's module and in a module `add module` creates).
 * Fails when a template loses a marker or a generator gains a registration the templates lack.
 */
jest.setTimeout(60_000);

const SAMPLE: Record<(typeof GENERATOR_NAMES)[number], (module: string) => GeneratorAnswers> = {
  module: () => ({ name: 'contract-check' }),
  route: (module) => ({ name: 'contract-route', module, method: 'get' }),
  event: (module) => ({ name: 'contract-event', module }),
  job: (module) => ({ name: 'contract-job', module, every: '5m', everyMs: 300_000 }),
};

async function writeTree(tree: VirtualTree, dir: string): Promise<void> {
  for (const path of tree.paths()) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), tree.get(path)!.content);
  }
}

const FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');

async function listDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const layerIds = () => new Set(targets.flatMap((t) => t.layers));
const frameworksWithGenerators = async () =>
  (await listDirs(join(TEMPLATES_ROOT, 'modules'))).filter((dir) => !layerIds().has(dir));

describe('add generators ↔ templates', () => {
  it('every framework with generator templates is a target, and has all generators', async () => {
    for (const framework of await frameworksWithGenerators()) {
      expect(targets.map((t) => t.id)).toContain(framework);
      expect(await listDirs(join(TEMPLATES_ROOT, 'modules', framework))).toEqual(
        [...GENERATOR_NAMES].sort(),
      );
    }
  });

  it('a shared module layer only holds generator folders, and a layer never repeats a target file', async () => {
    for (const layer of layerIds()) {
      const generators = await listDirs(join(TEMPLATES_ROOT, 'modules', layer)).catch(() => []);
      for (const generator of generators) expect(GENERATOR_NAMES).toContain(generator);
    }
    for (const target of targets) {
      for (const generator of GENERATOR_NAMES) {
        const seen = new Map<string, string>();
        for (const dir of await generatorTemplateDirs(target.id, generator)) {
          for (const file of await listTemplateFiles(dir)) {
            expect({ file, also: seen.get(file) }).toEqual({ file, also: undefined });
            seen.set(file, dir);
          }
        }
      }
    }
  });

  it('every registration finds its marker in a generated project and in a generated module', async () => {
    for (const framework of await frameworksWithGenerators()) {
      const dir = await makeTempDir();
      try {
        const partial = validatePartialProfile(
          JSON.parse(await readFile(FIXTURE, 'utf8')),
          FIXTURE,
        );
        const profile = completeProfile(
          { ...partial, framework: framework as FrameworkId },
          'contract-api',
        );
        await writeTree(
          await renderProject(
            planProject({
              profile,
              recommendation: recommend(profile),
              generatorVersion: '0.0.0',
              conformanceFixtures: false,
            }),
          ),
          dir,
        );
        const added = await renderAddition({
          projectDir: dir,
          framework,
          generator: 'module',
          answers: SAMPLE.module(''),
        });
        expect(added.skipped).toEqual([]);
        await writeTree(added.created, dir);
        const layout = moduleLayout(targets.find((t) => t.id === framework));
        const starterModules = (await listDirs(join(dir, layout.dir))).filter((name) =>
          isModuleFolder(layout, name),
        );
        for (const module of starterModules) {
          for (const generator of GENERATOR_NAMES.filter((g) => g !== 'module')) {
            const addition = await renderAddition({
              projectDir: dir,
              framework,
              generator,
              answers: SAMPLE[generator](module),
            });
            expect(addition.skipped).toEqual([]);
            // Where the framework wires this generator's code in (Spring Boot's event listeners
            // and jobs are found by component scanning: no registration, nothing to modify).
            if (registrationsFor(templateSources(framework), generator).length > 0)
              expect(addition.modified.size).toBeGreaterThan(0);
          }
        }
      } finally {
        await removeDir(dir);
      }
    }
  });
});
