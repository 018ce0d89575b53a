import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { targets } from '../../src/catalog/targets/index.js';
import { FRAMEWORK_IDS } from '../../src/profile/ids.js';
import { createEngine } from '../../src/render/engine.js';
import { IMPLIED_FEATURES, RENDER_FEATURES } from '../../src/render/plan.js';
import { TEMPLATES_ROOT } from '../../src/package-info.js';

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('catalog ↔ templates (a target is a catalog entry plus a template folder)', () => {
  it('every target has a template folder and every template folder has a target', async () => {
    const folders = await listDirs(join(TEMPLATES_ROOT, 'targets'));
    expect(folders).toEqual(targets.map((t) => t.id).sort());
  });

  it('every layer a target names has a folder, and every layer folder is named by a target', async () => {
    const named = [...new Set(targets.flatMap((t) => t.layers))].sort();
    expect(await listDirs(join(TEMPLATES_ROOT, 'layers'))).toEqual(named);
  });

  it('target ids are framework ids, unique', () => {
    const ids = targets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(FRAMEWORK_IDS).toContain(id);
  });

  it('every supported feature has an overlay folder, and every overlay folder is declared', async () => {
    const features = await listDirs(join(TEMPLATES_ROOT, 'features'));
    for (const feature of features) {
      expect(RENDER_FEATURES).toContain(feature);
      // A feature's folders: a target that supports it, or a layer shared by such targets.
      for (const folder of await listDirs(join(TEMPLATES_ROOT, 'features', feature))) {
        const users = targets.filter((t) => t.id === folder || t.layers.includes(folder));
        // An implied part (redis) is used by the targets supporting a feature that implies it.
        const implying = IMPLIED_FEATURES[feature as keyof typeof IMPLIED_FEATURES] ?? [feature];
        const used = users.some((t) => implying.some((f) => t.supports.includes(f)));
        expect({ folder, used }).toEqual({
          folder,
          used: true,
        });
      }
    }
    // A target that supports a feature gets it from its own folder or a layer's (or both).
    for (const target of targets) {
      for (const feature of target.supports) {
        const folders = await listDirs(join(TEMPLATES_ROOT, 'features', feature));
        const sources = [...target.layers, target.id].filter((source) => folders.includes(source));
        expect({ target: target.id, feature, has: sources.length > 0 }).toEqual({
          target: target.id,
          feature,
          has: true,
        });
      }
    }
  });

  it('every .hbs template compiles in strict mode', async () => {
    const engine = createEngine();
    const files = (await listFiles(TEMPLATES_ROOT)).filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      expect(() => engine.precompile(source, { strict: true })).not.toThrow();
      // Triple-stash output bypasses every escaper; free text must go through a helper instead.
      expect({ file, raw: /\{\{\{/.test(source) }).toEqual({ file, raw: false });
    }
  });

  it('commands are argv arrays, never shell strings', () => {
    for (const target of targets) {
      for (const [name, argv] of Object.entries(target.commands)) {
        expect({ name, argv: argv.some((a: string) => /[;&|`$<>]/.test(a)) }).toEqual({
          name,
          argv: false,
        });
      }
    }
  });
});

describe('verbatim template files are already formatted (the renderer formats only rendered files)', () => {
  it('every copied TS/JS/JSON/YAML/Markdown template file is prettier-clean', async () => {
    const prettier = await import('prettier');
    const { PRETTIER_OPTIONS, isFormatted } = await import('../../src/render/format.js');
    const unformatted: string[] = [];
    for (const file of await listFiles(TEMPLATES_ROOT)) {
      if (file.endsWith('.hbs') || !isFormatted(file)) continue;
      const source = await readFile(file, 'utf8');
      if (!(await prettier.check(source, { ...PRETTIER_OPTIONS, filepath: file })))
        unformatted.push(file);
    }
    expect(unformatted).toEqual([]);
  }, 120_000);
});

describe('generated projects format like the generator', () => {
  it.each(targets.map((t) => [t.id] as const))(
    '%s ships a .prettierrc.json equal to the options the renderer formats with',
    async (id) => {
      const { PRETTIER_OPTIONS } = await import('../../src/render/format.js');
      const target = targets.find((t) => t.id === id)!;
      // The last folder that has the file wins, as in the renderer.
      const folders = [
        ...target.layers.map((layer) => join(TEMPLATES_ROOT, 'layers', layer)),
        join(TEMPLATES_ROOT, 'targets', id),
      ].reverse();
      let shipped: unknown;
      for (const folder of folders) {
        const text = await readFile(join(folder, '.prettierrc.json'), 'utf8').catch(
          () => undefined,
        );
        if (text !== undefined) {
          shipped = JSON.parse(text);
          break;
        }
      }
      expect(shipped).toEqual(PRETTIER_OPTIONS);
    },
  );
});
