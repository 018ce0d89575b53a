/**
 * Production entry point: `node --import ./dist/telemetry.js ./dist/main.js` (node is PID 1, so
 * SIGTERM arrives here directly). The process lifecycle (config, database, shutdown order) lives
 * in platform/run-service.ts; this file only says how to serve the Hono app with Node's HTTP
 * server (@hono/node-server).
 */
import { buildApp } from './app.ts';
import { appModules } from './modules.ts';
import { close, createNodeServer, listen } from './platform/http/node-server.ts';
import { runService } from './platform/run-service.ts';

await runService({
  modules: appModules,
  createServer: async (deps) => {
    const { app, inFlightRequests } = buildApp(deps);
    const server = createNodeServer(app.fetch, deps.config.http);
    const { host, port } = deps.config.http;
    return {
      listen: async () => {
        const address = await listen(server, host, port);
        deps.logger.info(
          { 'server.address': host, 'server.port': address.port },
          `listening at http://${host}:${address.port}`,
        );
      },
      close: () => close(server),
      closeAllConnections: () => server.closeAllConnections(),
      inFlightRequests,
    };
  },
});
