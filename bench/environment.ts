import path from 'node:path';

/**
 * The environment of a user's shell, not of `npm run`: npm's own variables (npm_config_*,
 * npm_lifecycle_*, INIT_CWD) are dropped so tools cannot tell they run under a script, and the
 * benchmark's Node is first on PATH so every process runs on the same runtime.
 */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key === 'INIT_CWD' || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(
    path.delimiter,
  );
  return { ...env, ...extra };
}

/** What a container gives a server: PATH and locale only, plus the service's own variables. */
export function serverEnv(variables: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: shellEnv().PATH };
  for (const key of ['HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...variables };
}
