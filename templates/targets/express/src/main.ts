/**
 * Production entry point: `node --import ./dist/telemetry.js ./dist/main.js` (node is PID 1, so
 * SIGTERM arrives here directly). The process lifecycle (config, database, shutdown order) lives
 * in platform/run-service.ts; this file only says how to build the Express app and its server.
 */
import { buildApp } from './app.ts';
import { appModules } from './modules.ts';
import { runService } from './platform/run-service.ts';

await runService({
  modules: appModules,
  createServer: async (deps) => buildApp(deps),
});
