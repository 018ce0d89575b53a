import { targets } from '../../../src/catalog/targets/index.js';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';

/**
 * The rows of the suite: every scaffoldable target that ships the `conformance` fixture overlay.
 * `CSB_TARGETS=fastify,express` narrows the run; an unknown id is an error, not an empty run.
 */
export function conformanceRows(selection = process.env.CSB_TARGETS): TargetDefinition[] {
  const eligible = targets.filter((target) => target.supports.includes('conformance'));
  if (selection === undefined || selection.trim() === '') return eligible;
  const wanted = selection.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = wanted.filter((id) => !eligible.some((target) => target.id === id));
  if (unknown.length > 0) {
    throw new Error(`CSB_TARGETS names ${unknown.join(', ')}; known: ${eligible.map((t) => t.id).join(', ')}`);
  }
  return eligible.filter((target) => wanted.includes(target.id));
}
