import type { TargetDefinition } from './types.js';

/**
 * Where a target keeps its business modules and which file is a module's public entry point
 * (contract C86). The renderer lists modules from it for the manifest, and `add` finds and creates
 * a project's modules with it.
 */
export interface ModuleLayout {
  /** Folder holding one folder per module. */
  readonly dir: string;
  /** A module's entry point, relative to its folder. */
  readonly entryPoint: string;
  /**
   * Folders of `dir` that are shared code, not modules, where modules sit beside them (Java's
   * `<basepkg>.platform` is a sibling of `<basepkg>.<module>`, contract C86).
   */
  readonly notModules?: readonly string[];
  /**
   * How a module name (`order-items`) is spelled as its folder: as is where the language allows
   * hyphens in a folder it imports (TypeScript, Go), `order_items` where it must be an identifier
   * (a Python package, a Java package).
   */
  readonly folderNames: 'kebab' | 'snake';
}

/** Each ecosystem's usual layout; a target whose framework differs sets `moduleLayout` (Django: api.py). */
const ECOSYSTEM_LAYOUTS: Record<TargetDefinition['ecosystem'], ModuleLayout> = {
  node: { dir: 'src/modules', entryPoint: 'index.ts', folderNames: 'kebab' },
  go: { dir: 'internal/modules', entryPoint: 'module.go', folderNames: 'kebab' },
  python: { dir: 'app/modules', entryPoint: '__init__.py', folderNames: 'snake' },
  // Spring Modulith's convention: a module is a direct sub-package of the application package,
  // marked by its package-info.java (@ApplicationModule); the platform package is one too, but
  // shared infrastructure (an OPEN module), never a business module.
  jvm: {
    dir: 'src/main/java/com/example/app',
    entryPoint: 'package-info.java',
    notModules: ['platform'],
    folderNames: 'snake',
  },
};

/** The layout of a target: its own when the catalog entry sets one, else its ecosystem's. */
export function moduleLayout(
  target: Pick<TargetDefinition, 'ecosystem' | 'moduleLayout'> | undefined,
): ModuleLayout {
  if (target === undefined) return ECOSYSTEM_LAYOUTS.node;
  return target.moduleLayout ?? ECOSYSTEM_LAYOUTS[target.ecosystem];
}

/** Whether a folder of the layout's `dir` holds a business module (not shared code, not `_`/`.`). */
export function isModuleFolder(layout: ModuleLayout, name: string): boolean {
  return (
    !name.startsWith('_') && !name.startsWith('.') && !(layout.notModules ?? []).includes(name)
  );
}

/** The folder of a module, relative to the layout's `dir`. */
export function moduleFolder(layout: ModuleLayout, name: string): string {
  return layout.folderNames === 'snake' ? name.replace(/-/g, '_') : name;
}

/**
 * The module name a folder holds: the inverse of {@link moduleFolder}, exact because module names
 * have no underscores and hyphens only between words (src/add/module-name.ts).
 */
export function moduleNameOf(layout: ModuleLayout, folder: string): string {
  return layout.folderNames === 'snake' ? folder.replace(/_/g, '-') : folder;
}
