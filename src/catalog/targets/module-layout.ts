import type { TargetDefinition } from './types.js';

/**
 * Where an ecosystem's projects keep their business modules (contract C86): one folder per module
 * under `dir`, made a module by its public entry file. The renderer lists modules from it for the
 * manifest and `add` finds and creates modules there.
 */
export interface ModuleLayout {
  readonly dir: string;
  readonly entry: string;
}

const LAYOUTS: Partial<Record<TargetDefinition['ecosystem'], ModuleLayout>> = {
  node: { dir: 'src/modules', entry: 'index.ts' },
  python: { dir: 'app/modules', entry: '__init__.py' },
};

export function moduleLayout(ecosystem: TargetDefinition['ecosystem']): ModuleLayout {
  return LAYOUTS[ecosystem] ?? (LAYOUTS.node as ModuleLayout);
}
