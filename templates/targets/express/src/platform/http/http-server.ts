import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpConfig } from '../config.ts';
import type { Logger } from '../logger.ts';

/**
 * The Node HTTP server around the Express app: limits and timeouts are explicit, never defaults
 * (Express itself has none of these settings).
 */
export function createHttpServer(handler: RequestListener, http: HttpConfig): Server {
  return createServer(
    {
      // The whole header section must arrive in time (slowloris); larger headers get 431.
      headersTimeout: http.headersTimeoutMs,
      maxHeaderSize: http.maxHeaderBytes,
      // Socket level: the whole request (headers + body) must arrive in time, which also ends slow
      // uploads. Node requires it to be at least the headers timeout. The response deadline is
      // the application's (request-context.ts, 504).
      requestTimeout: Math.max(http.requestTimeoutMs, http.headersTimeoutMs),
      keepAliveTimeout: http.keepAliveTimeoutMs,
      // Node checks header/request timeouts on this interval (default 30 s): without a shorter
      // one, a slowloris connection could outlive HEADERS_TIMEOUT_MS by half a minute.
      connectionsCheckingInterval: 1000,
    },
    handler,
  );
}

/** Binds `host:port` and logs the address (`port` 0 picks a free one). */
export async function listen(
  server: Server,
  { host, port }: Pick<HttpConfig, 'host' | 'port'>,
  logger: Logger,
): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info(
    { 'server.address': address.address, 'server.port': address.port },
    `server listening at http://${hostname}:${address.port}`,
  );
  return address;
}

/** Stops accepting connections, closes idle ones and resolves once in-flight requests are done. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
}
