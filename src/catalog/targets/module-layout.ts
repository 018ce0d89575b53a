import type { TargetDefinition } from './types.js';

/**
 * Where each ecosystem keeps its business modules and which file is a module's public entry point
 * (contract C86). The renderer lists modules from it, and `add` finds a project's modules with it.
 */
export interface ModuleLayout {
  /** Folder holding one folder per module. */
  readonly dir: string;
  /** A module's entry point, relative to its folder. */
  readonly entryPoint: string;
}

const MODULE_LAYOUTS: Partial<Record<TargetDefinition['ecosystem'], ModuleLayout>> = {
  node: { dir: 'src/modules', entryPoint: 'index.ts' },
  go: { dir: 'internal/modules', entryPoint: 'module.go' },
  // Django apps: a module's public surface is api.py (FastAPI's branch uses __init__.py: make
  // the layout a per-target catalog field when both land).
  python: { dir: 'app/modules', entryPoint: 'api.py' },
};

/** The layout of an ecosystem; the Node one for an ecosystem without an entry yet. */
export function moduleLayout(ecosystem: TargetDefinition['ecosystem']): ModuleLayout {
  return MODULE_LAYOUTS[ecosystem] ?? (MODULE_LAYOUTS.node as ModuleLayout);
}
