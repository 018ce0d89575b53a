import http from 'node:http';
import { now } from './ports.js';

/**
 * The outbound target of `/__conformance/outbound`: records every request's headers (C38
 * propagation) and, with `?delay_ms=N`, answers late so S12 can see whether the caller gives up
 * and disconnects (`clientClosedEarly`).
 */
export interface EchoRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  receivedAt: number;
  clientClosedEarly: boolean;
}

export interface EchoServer {
  readonly port: number;
  readonly url: string;
  readonly requests: EchoRequest[];
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const requests: EchoRequest[] = [];
  const server = http.createServer((request, response) => {
    const record: EchoRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      receivedAt: now(),
      clientClosedEarly: false,
    };
    requests.push(record);
    const delay = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('delay_ms') ?? 0);
    request.resume();
    const timer = setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echoed: true }));
    }, delay);
    response.on('close', () => {
      if (!response.writableFinished) {
        record.clientClosedEarly = true;
        clearTimeout(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('echo server has no port');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
