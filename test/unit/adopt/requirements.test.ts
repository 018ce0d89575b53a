import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { registrationsFor } from '../../../generators/index.js';
import { generatorTemplateDirs, templateSources } from '../../../src/add/render-addition.js';
import { frameworksWithAddTemplates } from '../../../src/adopt/add-templates.js';
import { ADD_REQUIREMENTS, requirementsFor } from '../../../src/adopt/requirements.js';
import { targets } from '../../../src/catalog/targets/index.js';
import { TEMPLATES_ROOT } from '../../../src/package-info.js';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The module template's own folders once rendered: imports into them are not requirements. */
const OWN = [/^src\/modules\/NAME\//, /^test\/NAME\./, /^internal\/modules\/NAME\//];

/** Where a Java class of the project lives: its test sources when a template file is there, else main. */
async function javaSource(framework: string, className: string): Promise<string> {
  const path = `java/${className.replace(/\./g, '/')}.java`;
  const inTests = join(TEMPLATES_ROOT, 'targets', framework, 'src/test', path);
  const found = await readFile(inTests, 'utf8').then(
    () => true,
    () => false,
  );
  return `src/${found ? 'test' : 'main'}/${path}`;
}

/**
 * Project files the rendered module imports: relative imports in the module templates, resolved
 * against the file's rendered path, that leave the module's own folders.
 */
async function importedProjectFiles(framework: string): Promise<string[]> {
  const found = new Set<string>();
  for (const root of await generatorTemplateDirs(framework, 'module'))
    for (const absolute of await listFiles(root)) {
      const rendered = absolute
        .slice(root.length + 1)
        .replace(/\{\{[^}]+\}\}/g, 'NAME')
        .replace(/\.hbs$/, '');
      const text = await readFile(absolute, 'utf8');
      for (const match of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = posix.normalize(posix.join(posix.dirname(rendered), match[1]!));
        if (!OWN.some((own) => own.test(target))) found.add(target);
      }
      // Go imports the project's own packages by module path: a requirement is the package folder.
      for (const match of text.matchAll(/"\{\{projectName\}\}\/([^"]+)"/g)) {
        const target = match[1]!.replace(/\{\{[^}]+\}\}/g, 'NAME');
        if (!OWN.some((own) => own.test(`${target}/`))) found.add(target);
      }
      // Java: imports of the platform package (a module's own package imports are its own files).
      for (const match of text.matchAll(/^import (com\.example\.app\.platform(?:\.\w+)+);/gm)) {
        found.add(await javaSource(framework, match[1]!));
      }
      // Python: absolute imports of the project's platform package (modules import only it).
      for (const match of text.matchAll(/^from (app\.platform(?:\.\w+)+) import/gm)) {
        found.add(`${match[1]!.replace(/\./g, '/')}.py`);
      }
    }
  return [...found].sort();
}

/** Frameworks with a row of their own (layers such as `node` are not frameworks). */
const FRAMEWORKS = Object.keys(ADD_REQUIREMENTS).filter((key) => targets.some((t) => t.id === key));

describe('ADD_REQUIREMENTS stays in step with the add generators', () => {
  it('every framework add has templates for has a row, and every row has templates', async () => {
    const supported = await frameworksWithAddTemplates();
    expect(supported).toContain('fastify');
    const sources = new Set(supported.flatMap((framework) => templateSources(framework)));
    for (const key of Object.keys(ADD_REQUIREMENTS)) expect([...sources]).toContain(key);
    expect(FRAMEWORKS.sort()).toEqual(supported);
  });

  it.each(FRAMEWORKS)(
    '%s: lists every marker the module generator cannot do without',
    (framework) => {
      const markers = requirementsFor(framework)
        .filter((r) => r.kind === 'marker')
        .map((r) => `${r.file}#${r.marker}`);
      // Optional registrations (documentation) do not stop add, so they are not requirements.
      const registrations = registrationsFor(templateSources(framework), 'module')
        .filter((r) => !(r as { optional?: boolean }).optional)
        .map((r) => `${r.file}#${r.marker}`);
      expect(new Set(markers)).toEqual(new Set(registrations));
    },
  );

  it.each(FRAMEWORKS)(
    '%s: lists exactly the project files a generated module imports',
    async (framework) => {
      const files = requirementsFor(framework)
        .filter((r) => r.kind === 'file')
        .map((r) => r.file)
        .sort();
      expect(files).toEqual(await importedProjectFiles(framework));
    },
  );

  it.each(FRAMEWORKS)(
    '%s: a freshly generated project has every required file',
    async (framework) => {
      // Later layers win, as in the renderer: the target's own folder overrides its layers.
      const present = new Map<string, string>();
      for (const source of templateSources(framework)) {
        const root = join(TEMPLATES_ROOT, source === framework ? 'targets' : 'layers', source);
        for (const file of await listFiles(root)) {
          present.set(file.slice(root.length + 1).replace(/\.hbs$/, ''), file);
        }
      }
      // A required Go package is a folder: present when a template file lives in it.
      for (const path of [...present.keys()]) {
        for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir))
          present.set(dir, dir);
      }
      for (const r of requirementsFor(framework)) expect([...present.keys()]).toContain(r.file);
      for (const r of requirementsFor(framework).filter((r) => r.kind === 'marker')) {
        const text = await readFile(present.get(r.file)!, 'utf8');
        // A marker is a comment in the file's language: `// …` (TypeScript) or `# …` (Python).
        expect(text).toMatch(new RegExp(`(//|#) ${r.marker}\\b`));
      }
    },
  );

  it('has no rows for frameworks without templates', () => {
    expect(requirementsFor('laravel')).toEqual([]);
  });
});
