import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * External tools of the static checks. `install-tools.sh` (same folder) installs pinned versions
 * into TOOLS_DIR; a tool found there wins over one on PATH, so CI runs the versions it pinned.
 */
export const TOOLS_DIR =
  process.env.STATIC_CHECK_TOOLS_DIR ??
  join(homedir(), '.cache', 'create-scalable-backend', 'static-check-tools');

const INSTALL_HINT = 'run `bash test/conformance/static/install-tools.sh` first';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function findTool(name: string, installedAt: string): string | undefined {
  return isExecutable(installedAt) ? installedAt : onPath(name);
}

/** An argv prefix; the caller appends its own arguments. */
export type Command = readonly [string, ...string[]];

/** `kustomize build`, or the copy of Kustomize built into kubectl. */
export function kustomizeBuild(): Command {
  const kustomize = findTool('kustomize', join(TOOLS_DIR, 'bin', 'kustomize'));
  if (kustomize) return [kustomize, 'build'];
  const kubectl = onPath('kubectl');
  if (kubectl) return [kubectl, 'kustomize'];
  throw new Error(`neither kustomize nor kubectl found: ${INSTALL_HINT}`);
}

/** kubernetes-validate (PyPI): JSON-schema validation with the Kubernetes schemas it ships. */
export function kubernetesValidate(): Command {
  const tool = findTool(
    'kubernetes-validate',
    join(TOOLS_DIR, 'venv', 'bin', 'kubernetes-validate'),
  );
  if (!tool) throw new Error(`kubernetes-validate not found: ${INSTALL_HINT}`);
  return [tool];
}

export function actionlint(): Command {
  const tool = findTool('actionlint', join(TOOLS_DIR, 'bin', 'actionlint'));
  if (!tool) throw new Error(`actionlint not found: ${INSTALL_HINT}`);
  return [tool];
}

/** renovate-config-validator, run by the current (Node 24) runtime: Renovate requires Node 24. */
export function renovateConfigValidator(): Command {
  const script = join(
    TOOLS_DIR,
    'renovate',
    'node_modules',
    'renovate',
    'dist',
    'config-validator.js',
  );
  try {
    accessSync(script, constants.R_OK);
  } catch {
    throw new Error(`renovate-config-validator not found: ${INSTALL_HINT}`);
  }
  return [process.execPath, script];
}
