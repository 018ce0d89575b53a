import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  /** Export requests and bytes received since the last reset. */
  counts(): { requests: number; bytes: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * Accepts OTLP/HTTP exports and discards them, answering an empty (valid) protobuf response, so
 * tracing is measured with its real export path without a collector's cost in the numbers.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => {
      requests += 1;
      response
        .writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 })
        .end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ requests, bytes }),
    reset: () => {
      requests = 0;
      bytes = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
