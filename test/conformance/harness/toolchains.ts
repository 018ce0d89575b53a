import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';

/** The binary a target's commands need on PATH, per ecosystem, and where a developer gets it. */
const TOOLCHAINS: Record<TargetDefinition['ecosystem'], { binary: string; install: string }> = {
  node: { binary: 'node', install: 'Node 24 LTS' },
  go: { binary: 'go', install: 'https://go.dev/dl' },
  python: { binary: 'uv', install: '`pip install uv`; uv fetches the Python it needs' },
  jvm: { binary: 'mvn', install: 'a JDK 17+ and Maven 3.9' },
};

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, binary)));
}

/**
 * Why a target cannot run on this machine, or undefined when it can. Rows with a reason are
 * skipped with it on a developer's machine and fail under CI=true (CI must install everything).
 */
export function missingToolchain(target: Pick<TargetDefinition, 'ecosystem'>): string | undefined {
  const { binary, install } = TOOLCHAINS[target.ecosystem];
  return onPath(binary) ? undefined : `the ${binary} toolchain is not on PATH (${install})`;
}

export const inCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';
