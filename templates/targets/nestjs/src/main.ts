/**
 * Production entry point: `node --import ./dist/telemetry.js ./dist/main.js` (node is PID 1, so
 * SIGTERM arrives here directly). The process lifecycle (config, database, signals, shutdown
 * order) lives in platform/run-service.ts; this file only says how to build and start the Nest
 * application. Nest's own shutdown hooks (enableShutdownHooks) stay off: run-service.ts owns the
 * signals, the readiness delay and the drain, and calls `app.close()` when it is time.
 */
import { buildApp } from './app.ts';
import { appModules } from './modules.ts';
import { runService } from './platform/run-service.ts';

await runService({
  modules: appModules,
  createServer: async (deps) => {
    const app = await buildApp(deps);
    const fastify = app.getHttpAdapter().getInstance();
    return {
      listen: () => app.listen({ host: deps.config.http.host, port: deps.config.http.port }),
      close: () => app.close(),
      closeAllConnections: () => fastify.server.closeAllConnections(),
      inFlightRequests: () => fastify.inFlightRequests(),
    };
  },
});
