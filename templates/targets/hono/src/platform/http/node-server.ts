import type * as NodeHttp from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { HttpConfig } from '../config.ts';

// @opentelemetry/instrumentation-http patches node:http when it is require()d; the telemetry
// preload hooks ES-module imports for pino and pg only, and @hono/node-server (an ES module)
// imports node:http. Requiring it here lets the instrumentation patch it: server spans, the
// http.server.request.duration metric and trace ids in the logs depend on it.
const { createServer } = createRequire(import.meta.url)('node:http') as typeof NodeHttp;

/**
 * Node's HTTP server for the app, with every limit and timeout explicit, never a default. Not
 * listening yet: see `listen`.
 */
export function createNodeServer(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  http: HttpConfig,
): NodeHttp.Server {
  // createAdaptorServer types its result as any of the http/https/http2 servers; with the
  // default node:http createServer it is an http.Server.
  return createAdaptorServer({
    fetch,
    createServer,
    serverOptions: {
      keepAliveTimeout: http.keepAliveTimeoutMs,
      headersTimeout: http.headersTimeoutMs,
      // Socket level: the whole request (headers + body) must arrive in time, which also ends slow
      // uploads. Node requires it to be at least the headers timeout. The response deadline is
      // the app's (REQUEST_TIMEOUT_MS, answered 504).
      requestTimeout: Math.max(http.requestTimeoutMs, http.headersTimeoutMs),
      maxHeaderSize: http.maxHeaderBytes,
      // Node checks header/request timeouts on this interval (default 30 s): without a shorter
      // one, a slowloris connection could outlive HEADERS_TIMEOUT_MS by half a minute.
      connectionsCheckingInterval: 1000,
    },
  }) as NodeHttp.Server;
}

export function listen(server: NodeHttp.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Stops accepting connections, closes idle keep-alive ones (Node ≥ 19 does that in close()) and
 * resolves once the in-flight requests have finished and their connections closed.
 */
export function close(server: NodeHttp.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
}
