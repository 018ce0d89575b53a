/**
 * Preloaded before the application: `node --import ./dist/telemetry.js ./dist/main.js`.
 * Instrumentations can only patch modules loaded after the SDK starts, hence a separate entry.
 */
import { startTelemetry } from './platform/telemetry/sdk.ts';

await startTelemetry();
