import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { resolveServiceIdentity } from './service-identity.ts';

/**
 * Ends the process on invalid configuration: one fatal JSON line naming each invalid variable
 * (never its value), exit code 1. Fail fast applies to configuration only; a database that is
 * down is reported by /readyz instead.
 */
export function exitOnConfigError(error: ConfigError, env: NodeJS.ProcessEnv = process.env): never {
  // The configured log level may be the invalid value, so this line uses `info`.
  createLogger('info', resolveServiceIdentity(env)).fatal(
    { 'config.errors': error.issues },
    error.message,
  );
  process.exit(1);
}

export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) exitOnConfigError(error, env);
    throw error;
  }
}
