import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Hono } from 'hono';
import type { Config } from '../../src/platform/config.ts';
import type { AppEnv } from '../../src/platform/http/app-env.ts';
import { close, createNodeServer, listen } from '../../src/platform/http/node-server.ts';

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the app with the production Node server settings on 127.0.0.1 and a free port. */
export async function serve(app: Hono<AppEnv>, config: Config): Promise<RunningServer> {
  const server = createNodeServer(app.fetch, config.http);
  const { port } = await listen(server, '127.0.0.1', 0);
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return close(server);
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Sends a body in chunks (Transfer-Encoding: chunked, no Content-Length) and resolves with the
 * response as soon as it arrives, even if the server answers before the body is complete.
 */
export function sendChunked(
  port: number,
  path: string,
  chunks: readonly string[],
  delayMs = 0,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    let index = 0;
    const writeNext = () => {
      if (request.destroyed) return;
      if (index === chunks.length) {
        request.end();
        return;
      }
      request.write(chunks[index++]);
      setTimeout(writeNext, delayMs);
    };
    writeNext();
  });
}
