/**
 * Preloaded before the application: `node --import ./dist/telemetry.js ./dist/main.js`.
 * Instrumentations can only patch modules loaded after the SDK starts, hence a separate entry.
 */
import { startTelemetry } from './platform/telemetry/sdk.ts';

// Stack traces in logs point at src/*.ts lines (dist/ ships .js.map files). Enabled here because
// only modules loaded afterwards are mapped, and this file is loaded first.
process.setSourceMapsEnabled(true);
await startTelemetry();
