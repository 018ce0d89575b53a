import { findTarget } from '../../src/catalog/targets/index.js';
import { isModuleFolder, moduleLayout } from '../../src/catalog/targets/module-layout.js';
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
    expect(modulesOf(rendered, layout)).toEqual(['notes', 'order_items']);
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
});
