/**
 * Runtime limit: the smallest useful HTTP server on this Node, one small JSON body on every path.
 * Started by the benchmark with PORT; nothing else (no logging, no routing, no telemetry).
 */
import http from 'node:http';

const BODY = JSON.stringify({ status: 'pass' });
const port = Number(process.env.PORT ?? 8080);

const server = http.createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(BODY),
  });
  response.end(BODY);
});

server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
