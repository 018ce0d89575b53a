import validateNpmPackageName from 'validate-npm-package-name';

/**
 * npm's own naming rules (validate-npm-package-name), plus the stricter rules that a service name
 * needs: no scope (it becomes a folder, a Kubernetes name and OTEL_SERVICE_NAME), at most 63
 * characters (DNS label), and characters safe in every file we write.
 */
export function projectNameProblems(name: string): string[] {
  const npm = validateNpmPackageName(name);
  const problems = [...(npm.errors ?? []), ...(npm.warnings ?? [])];
  if (problems.length > 0) return problems;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    problems.push('name must start with a letter or digit and contain only a-z, 0-9 and "-"');
  }
  if (name.length > 63) problems.push('name must be at most 63 characters (a Kubernetes name)');
  if (name.endsWith('-')) problems.push('name must not end with "-"');
  return problems;
}
