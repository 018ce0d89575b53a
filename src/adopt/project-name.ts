import { basename } from 'node:path';
import { projectNameProblems } from '../profile/project-name.js';

const FALLBACK_NAME = 'my-api';

/**
 * The project name recorded for an adopted repository: the first valid one of the package's
 * name without its npm scope and the directory's name, else the default every command uses.
 */
export function adoptedProjectName(packageName: unknown, projectDir: string): string {
  const candidates = [
    typeof packageName === 'string' ? packageName.replace(/^@[^/]+\//, '') : undefined,
    basename(projectDir).toLowerCase(),
  ];
  return (
    candidates.find((name) => name !== undefined && projectNameProblems(name).length === 0) ??
    FALLBACK_NAME
  );
}
