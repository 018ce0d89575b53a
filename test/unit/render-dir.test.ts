import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine } from '../../src/render/engine.js';
import { renderDirectory } from '../../src/render/render-dir.js';
import { VirtualTree } from '../../src/render/tree.js';
import { makeTempDir, removeDir } from '../support/temp.js';

describe('renderDirectory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    await mkdir(join(dir, 'src'));
    await writeFile(
      join(dir, 'src/lambda.ts.hbs'),
      "{{#if (eq target 'serverless')}}\nexport const handler = 1;\n{{/if}}\n",
    );
    await writeFile(join(dir, 'src/empty.ts'), '');
  });
  afterEach(async () => removeDir(dir));

  const render = async (target: string) => {
    const tree = new VirtualTree();
    await renderDirectory(createEngine(), dir, { target }, tree);
    return tree.paths().sort();
  };

  it('writes a template that renders to content', async () => {
    expect(await render('serverless')).toEqual(['src/empty.ts', 'src/lambda.ts']);
  });

  it('skips a template that renders to whitespace only, but copies an empty verbatim file', async () => {
    expect(await render('kubernetes')).toEqual(['src/empty.ts']);
  });
});
