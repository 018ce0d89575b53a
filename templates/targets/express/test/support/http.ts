import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

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
