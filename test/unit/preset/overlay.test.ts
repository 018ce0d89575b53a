import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LoadedPreset } from '../../../src/preset/load.js';
import { applyPreset } from '../../../src/preset/overlay.js';
import type { Preset } from '../../../src/preset/schema.js';
import { VirtualTree } from '../../../src/render/tree.js';
import { makeTempDir, removeDir } from '../../support/temp.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('csb-preset-unit-');
});
afterEach(async () => {
  await removeDir(dir);
});

async function files(entries: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(entries)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

function ours(): VirtualTree {
  const tree = new VirtualTree();
  tree.write('README.md', '# svc\n\n<!-- csb:slot:readme (hint) -->\n');
  tree.write(
    '.github/workflows/ci.yml',
    'jobs:\n  verify:\n    steps:\n      - run: npm test\n      # csb:slot:ci-steps (hint)\n',
  );
  tree.write('.gitignore', 'node_modules/\n# csb:slot:gitignore (hint)\n');
  tree.write('renovate.json', '{}\n');
  return tree;
}

const loaded = (preset: Partial<Preset>): LoadedPreset => ({
  preset: { name: '@acme/p', version: '1.0.0', overlay: 'overlay', ...preset },
  location: { dir, file: join(dir, 'preset.yaml'), source: dir },
});
const context = { projectName: 'svc' };

describe('applyPreset', () => {
  it('adds overlay files (rendering .hbs and {{…}} in names) and fills slots with their indentation', async () => {
    await files({
      'overlay/CODEOWNERS.hbs': '* @acme/{{projectName}}\n',
      'overlay/docs/{{projectName}}-runbook.md': 'static\n',
      'slots/ci.yaml': '- name: scan\n  run: scan .\n',
    });
    const tree = ours();
    const replaced = await applyPreset(
      loaded({ slots: { 'ci-steps': 'slots/ci.yaml' } }),
      context,
      tree,
    );
    expect(replaced).toEqual([]);
    expect(tree.read('CODEOWNERS')).toBe('* @acme/svc\n');
    expect(tree.read('docs/svc-runbook.md')).toBe('static\n');
    expect(tree.read('.github/workflows/ci.yml')).toBe(
      'jobs:\n  verify:\n    steps:\n      - run: npm test\n      - name: scan\n        run: scan .\n      # csb:slot:ci-steps (hint)\n',
    );
  });

  it('refuses an overlay file that would silently replace one of ours', async () => {
    await files({ 'overlay/renovate.json': '{"extends":["acme"]}\n' });
    await expect(applyPreset(loaded({}), context, ours())).rejects.toThrow(
      /overlay file renovate\.json would replace a file of the generated project/,
    );
  });

  it('replaces one of ours when `replaces` names it with a reason, and reports it', async () => {
    await files({ 'overlay/renovate.json': '{"extends":["acme"]}\n' });
    const tree = ours();
    const reason = 'Acme runs Renovate centrally with its own config.';
    expect(
      await applyPreset(loaded({ replaces: [{ path: 'renovate.json', reason }] }), context, tree),
    ).toEqual([{ path: 'renovate.json', reason }]);
    expect(tree.read('renovate.json')).toBe('{"extends":["acme"]}\n');
  });

  it('refuses a `replaces` entry with no overlay file behind it', async () => {
    await files({ 'overlay/LICENSE': 'x\n' });
    await expect(
      applyPreset(
        loaded({ replaces: [{ path: 'Dockerfile', reason: 'we build images elsewhere' }] }),
        context,
        ours(),
      ),
    ).rejects.toThrow(/replaces Dockerfile, but its overlay has no such file/);
  });

  it.each([
    ['{{#if true}}..{{/if}}/escape.txt', /would be written outside the project/],
    ['{{#if true}}.git{{/if}}/hooks/pre-commit', /may not write \.git\/hooks\/pre-commit/],
  ])('refuses an overlay path that renders to %s', async (path, message) => {
    await files({ [`overlay/${path}`]: 'x\n' });
    const tree = ours();
    const before = tree.paths();
    await expect(applyPreset(loaded({}), context, tree)).rejects.toThrow(message);
    expect(tree.paths()).toEqual(before);
  });

  it('a template of the preset that does not render is exit 2 naming the preset and the file', async () => {
    await files({ 'overlay/NOTES.md.hbs': '{{undefinedVariable}}\n' });
    await expect(applyPreset(loaded({}), context, ours())).rejects.toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: expect.stringMatching(
          /^preset @acme\/p@1\.0\.0: template NOTES\.md\.hbs: "undefinedVariable" not defined/,
        ),
      }),
    );
  });
});
