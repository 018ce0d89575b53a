import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_ROOT } from '../../src/package-info.js';
import { findTarget, targets } from '../../src/catalog/targets/index.js';
import {
  isModuleFolder,
  moduleFolder,
  moduleLayout,
  moduleNameOf,
} from '../../src/catalog/targets/module-layout.js';
import { templateSources } from '../../src/add/render-addition.js';
import { modulesOf } from '../../src/render/project.js';
import { VirtualTree } from '../../src/render/tree.js';

function tree(paths: string[]): VirtualTree {
  const t = new VirtualTree();
  for (const path of paths) t.write(path, '');
  return t;
}

describe('module layouts', () => {
  it('Spring Boot: sub-packages with package-info.java are modules, the platform package is not', () => {
    const layout = moduleLayout(findTarget('spring-boot'));
    const rendered = tree([
      'src/main/java/com/example/app/Application.java',
      'src/main/java/com/example/app/notes/package-info.java',
      'src/main/java/com/example/app/notes/internal/NotesController.java',
      'src/main/java/com/example/app/order_items/package-info.java',
      'src/main/java/com/example/app/platform/package-info.java',
      'src/main/java/com/example/app/platform/http/ProblemHandler.java',
    ]);
    // A Java package cannot hold a hyphen: the module `order-items` lives in `order_items`.
    expect(modulesOf(rendered, layout)).toEqual(['notes', 'order-items']);
    expect(isModuleFolder(layout, 'platform')).toBe(false);
  });

  it('a Node project: folders of src/modules with an index.ts; _ and . folders are never modules', () => {
    const layout = moduleLayout(findTarget('fastify'));
    const rendered = tree(['src/modules/notes/index.ts', 'src/platform/app-module.ts']);
    expect(modulesOf(rendered, layout)).toEqual(['notes']);
    expect(isModuleFolder(layout, '__pycache__')).toBe(false);
    expect(isModuleFolder(layout, '.cache')).toBe(false);
    expect(isModuleFolder(layout, 'orders')).toBe(true);
  });

  it('module names and folders map both ways, so a hyphenated module is listed once', () => {
    for (const target of targets) {
      const layout = moduleLayout(target);
      const folder = moduleFolder(layout, 'order-items');
      expect([target.id, moduleNameOf(layout, folder)]).toEqual([target.id, 'order-items']);
    }
  });

  it("each target's module generator writes the folder its layout expects (drift check)", () => {
    const helper = {
      kebab: '{{kebabCase name}}',
      snake: ['{{snakeCase name}}', '{{javaPackage name}}'],
    };
    const checked: string[] = [];
    for (const target of targets) {
      const layout = moduleLayout(target);
      for (const source of templateSources(target.id)) {
        const dir = join(TEMPLATES_ROOT, 'modules', source, 'module', layout.dir);
        if (!existsSync(dir)) continue;
        const expected = layout.folderNames === 'kebab' ? [helper.kebab] : helper.snake;
        for (const folder of readdirSync(dir)) {
          expect([target.id, source, expected.includes(folder)]).toEqual([target.id, source, true]);
        }
        checked.push(target.id);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
  });
});
