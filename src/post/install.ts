import type { TargetDefinition } from '../catalog/targets/types.js';
import type { PackageManager } from '../profile/ids.js';

/** The package manager that invoked us (`npm create`, `pnpm create`, `yarn create`), else npm. */
export function packageManagerFromUserAgent(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' ? name : 'npm';
}

/**
 * The install command for a generated project. npm uses the target's frozen install from the
 * committed lockfile; pnpm and yarn import it on their first install.
 */
export function installCommand(target: TargetDefinition, pm: PackageManager): readonly string[] {
  if (target.ecosystem !== 'node' || pm === 'npm') return target.commands.install;
  return pm === 'pnpm' ? ['pnpm', 'install'] : ['yarn', 'install'];
}
