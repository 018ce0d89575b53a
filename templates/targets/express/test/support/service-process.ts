import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port that was free a moment ago (the child binds it right away). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface ServiceProcess {
  /** `http://127.0.0.1:<port>` of the API listener. */
  readonly base: string;
  /** Parsed stdout lines so far. */
  readonly lines: Array<Record<string, unknown>>;
  /** SIGTERM, then the exit code and whatever reached stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/**
 * Starts the real entry point as `npm start` does, with the telemetry preload (TypeScript
 * sources, embedded database), and resolves once it listens.
 */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', './src/telemetry.ts', './src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      SHUTDOWN_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const raw of complete.filter(Boolean)) {
        const line = JSON.parse(raw) as Record<string, unknown>;
        lines.push(line);
        const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
        if (match?.[1]) resolve(match[1]);
      }
    });
  });
  return {
    base,
    lines,
    async stop() {
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return { code, stderr };
    },
  };
}
