import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.js';
import { trackPid, untrackPid } from './processes.js';

/** Debian's redis-server (`.ci/run` installs the package); `CSB_REDIS_SERVER` names another binary. */
const REDIS_SERVER = process.env.CSB_REDIS_SERVER ?? 'redis-server';

export interface RedisServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** redis://127.0.0.1:<port>, or through another host:port (a proxy). */
  url(hostPort?: string): string;
  /** Starts the server again on the same port (after stop()); data is not kept. */
  start(): Promise<void>;
  /** SIGTERM, then waits for the exit: the Redis-down half of a fault test. */
  stop(): Promise<void>;
  /** Sends one command and returns the raw RESP reply (enough for PING, DBSIZE, FLUSHALL). */
  command(...args: string[]): Promise<string>;
  /** Stops the server and removes its temp dir. */
  destroy(): Promise<void>;
}

function encode(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

async function rawCommand(port: number, args: readonly string[]): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setTimeout(2000, () => socket.destroy(new Error('redis command timed out')));
  await once(socket, 'connect');
  socket.write(encode(args));
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  socket.end();
  return chunk.toString('utf8').trimEnd();
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if ((await rawCommand(port, ['PING'])) === '+PONG') return;
    } catch (error) {
      last = error;
    }
    await sleep(50);
  }
  throw new Error(
    `redis-server on ${port} did not answer PING within ${timeoutMs} ms: ${String(last)}`,
  );
}

/**
 * A private, non-persistent redis-server on a free 127.0.0.1 port, in a temp dir. Nothing is
 * shared with a system Redis; the process is tracked and ended by PID.
 */
export async function startRedis(): Promise<RedisServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csb-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    started.once('error', () => {}); // reported by waitForPing below
    if (started.pid !== undefined) trackPid(started.pid);
    child = started;
    await waitForPing(port, 10_000);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running?.pid === undefined || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
    untrackPid(running.pid);
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    url: (hostPort = `127.0.0.1:${port}`) => `redis://${hostPort}`,
    start,
    stop,
    command: (...args) => rawCommand(port, args),
    async destroy() {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
