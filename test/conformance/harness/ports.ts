import net from 'node:net';

/**
 * Ports handed to test servers come from a block per Jest worker, below the kernel's ephemeral range
 * (32768+ on Linux), so two workers never get the same port and no outgoing connection can take one
 * between the check and the server's bind. Asking the OS for port 0 raced exactly that way once two
 * workers ran side by side (EADDRINUSE).
 */
const FIRST_PORT = 15_000;
const PORTS_PER_WORKER = 2_000;
const workerIndex = Math.max(0, Number(process.env.JEST_WORKER_ID ?? '1') - 1) % 8;
let handedOut = 0;

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that is free now and is not handed out again soon by this worker. */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < PORTS_PER_WORKER; tried += 1) {
    const port = FIRST_PORT + workerIndex * PORTS_PER_WORKER + (handedOut++ % PORTS_PER_WORKER);
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port in this worker's block of ${PORTS_PER_WORKER}`);
}

/** Resolves true when a TCP connection to 127.0.0.1:port is accepted within timeoutMs. */
export async function portAcceptsConnection(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (accepted: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(accepted);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Milliseconds on the runner's monotonic clock (contract §2.0 "Constants"). */
export const now = (): number => performance.now();

/** Polls `probe` every intervalMs until it returns a non-undefined value or timeoutMs passes. */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T | undefined> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (now() >= deadline) return undefined;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - now())));
  }
}
