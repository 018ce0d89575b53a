/**
 * Container HEALTHCHECK client (Dockerfile: `node dist/healthcheck.js`). Distroless images have no
 * curl or wget, so the runtime itself asks the liveness endpoint. Exit 0 when /livez answers 200,
 * 1 otherwise. Uses node:http only: it must not load the app, its config or its telemetry.
 */
import { request } from 'node:http';

const TIMEOUT_MS = 2000;
const port = Number(process.env.PORT ?? 8080);

function check(): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.exitCode = 1;
    return;
  }
  const req = request(
    { host: '127.0.0.1', port, path: '/livez', method: 'GET', timeout: TIMEOUT_MS },
    (res) => {
      res.resume();
      process.exitCode = res.statusCode === 200 ? 0 : 1;
    },
  );
  req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
  req.on('error', () => {
    process.exitCode = 1;
  });
  req.end();
}

check();
