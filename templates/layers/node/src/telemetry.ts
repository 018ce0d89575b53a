/**
 * Preloaded before the application: `node --import ./dist/telemetry.js ./dist/main.js`.
 * Instrumentations can only patch modules loaded after the SDK starts, hence a separate entry.
 * Nothing here may import pino (or anything that does) before the SDK has started.
 */
import { ConfigError, loadConfig } from './platform/config.ts';

// Stack traces in logs point at src/*.ts lines (dist/ ships .js.map files). Enabled here because
// only modules loaded afterwards are mapped, and this file is loaded first.
process.setSourceMapsEnabled(true);

// Invalid configuration ends the process here, before the telemetry SDK loads: loading it is most
// of the start-up time, and a misconfigured pod should fail well within 2 s.
try {
  loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  const { exitOnConfigError } = await import('./platform/config-failure.ts');
  exitOnConfigError(error);
}

const { startTelemetry } = await import('./platform/telemetry/sdk.ts');
await startTelemetry();
