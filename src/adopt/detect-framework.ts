import type { FrameworkId } from '../profile/ids.js';

/**
 * Which npm dependency marks which framework, in order of precedence: the first row whose
 * dependency is present wins. NestJS comes first because it runs on Express or Fastify and so
 * pulls one of them in too.
 */
export const FRAMEWORK_DEPENDENCIES: readonly { dependency: string; framework: FrameworkId }[] = [
  { dependency: '@nestjs/core', framework: 'nestjs' },
  { dependency: 'fastify', framework: 'fastify' },
  { dependency: 'hono', framework: 'hono' },
  { dependency: 'express', framework: 'express' },
];

export interface DetectedFramework {
  readonly framework: FrameworkId;
  /** The dependency that gave it away. */
  readonly dependency: string;
  /** Other frameworks the dependencies also point at, lower in precedence (for the summary). */
  readonly alsoFound: readonly FrameworkId[];
}

function dependencyNames(section: unknown): string[] {
  return section !== null && typeof section === 'object' && !Array.isArray(section)
    ? Object.keys(section)
    : [];
}

/**
 * The framework a package.json depends on (dependencies and devDependencies), or undefined when
 * none of the table's dependencies is there. Pure: the caller reads and parses the file.
 */
export function detectFramework(
  packageJson: unknown,
  table: typeof FRAMEWORK_DEPENDENCIES = FRAMEWORK_DEPENDENCIES,
): DetectedFramework | undefined {
  const pkg = (packageJson ?? {}) as Record<string, unknown>;
  const present = new Set([
    ...dependencyNames(pkg.dependencies),
    ...dependencyNames(pkg.devDependencies),
  ]);
  const matches = table.filter((row) => present.has(row.dependency));
  const [first] = matches;
  if (!first) return undefined;
  const alsoFound = [
    ...new Set(matches.map((row) => row.framework).filter((id) => id !== first.framework)),
  ];
  return { framework: first.framework, dependency: first.dependency, alsoFound };
}

/** The dependencies looked for, for the "nothing found" message. */
export function dependenciesLookedFor(
  table: typeof FRAMEWORK_DEPENDENCIES = FRAMEWORK_DEPENDENCIES,
): string[] {
  return table.map((row) => row.dependency);
}
