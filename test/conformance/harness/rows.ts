import path from 'node:path';
import { targets } from '../../../src/catalog/targets/index.js';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';
import { REPO_ROOT } from './paths.js';
import { inCi, missingToolchain } from './toolchains.js';

/**
 * A row of the suite: a target, optionally generated under a team preset (issue 11: a preset
 * adds files and fills slots, and the project must still pass every check).
 */
export type ConformanceRow = TargetDefinition & {
  /** Names the row in test titles, results files and the project cache: `fastify`, `fastify+acme-preset`. */
  readonly label: string;
  /** Passed to the CLI as `--preset`. */
  readonly preset?: string;
};

/** The sample preset in examples/, exercised by the preset rows. */
export const SAMPLE_PRESET = path.join(REPO_ROOT, 'examples/acme-backend-preset');

/**
 * The preset row runs on one target: a preset adds files and fills slots the same way for every
 * target (the renderer applies it after the target's templates), so one full row proves it and
 * the others would each add about 7 minutes to CI without covering new code.
 */
const PRESET_ROW_TARGETS: ReadonlySet<string> = new Set(['fastify']);

/**
 * Every scaffoldable target that ships the `conformance` fixture overlay, plain, and for
 * PRESET_ROW_TARGETS also under the sample preset. `CSB_TARGETS=fastify,fastify+acme-preset` narrows the run (by label); an unknown
 * label is an error, not an empty run. Outside CI a row whose toolchain is missing is left out,
 * with the reason printed; in CI it stays, and fails.
 */
export function conformanceRows(selection = process.env.CSB_TARGETS): ConformanceRow[] {
  const rows = selectedRows(selection);
  if (inCi()) return rows;
  return rows.filter((row) => {
    const missing = missingToolchain(row);
    if (missing !== undefined)
      console.warn(`${row.label} rows skipped: ${missing} (a failure under CI=true)`);
    return missing === undefined;
  });
}

function selectedRows(selection: string | undefined): ConformanceRow[] {
  const rows: ConformanceRow[] = targets
    .filter((target) => target.supports.includes('conformance'))
    .flatMap((target) => [
      { ...target, label: target.id },
      ...(PRESET_ROW_TARGETS.has(target.id)
        ? [{ ...target, label: `${target.id}+acme-preset`, preset: SAMPLE_PRESET }]
        : []),
    ]);
  if (selection === undefined || selection.trim() === '') return rows;
  const wanted = selection
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = wanted.filter((label) => !rows.some((row) => row.label === label));
  if (unknown.length > 0) {
    throw new Error(
      `CSB_TARGETS names ${unknown.join(', ')}; known: ${rows.map((row) => row.label).join(', ')}`,
    );
  }
  return rows.filter((row) => wanted.includes(row.label));
}

/**
 * The targets of the selected rows (`CSB_TARGETS`), each once, as `describe.each` rows: a preset
 * row contributes its target. For suites that check a target, not a row (static checks, the
 * project e2e); toolchains are theirs to check.
 */
export function selectedTargets(): [string, TargetDefinition][] {
  const byId = new Map(selectedRows(process.env.CSB_TARGETS).map((row) => [row.id, row] as const));
  return [...byId.values()].map((target) => [target.id, target]);
}
