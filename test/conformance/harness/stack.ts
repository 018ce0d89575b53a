import fs from 'node:fs';
import path from 'node:path';
import type { ConformanceRow } from './rows.js';
import { launchTimeoutMs } from './contract.js';
import { spawnApp, type AppInstance, type EnvOverrides } from './app-process.js';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { httpRequest, type HttpRequestOptions, type HttpResponse } from './http-client.js';
import { startOtlpReceiver, type OtlpReceiver } from './otlp-receiver.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { killTracked } from './processes.js';
import { prepareProject, type PreparedProject } from './project.js';
import { RESULTS_DIR } from './paths.js';
import { noteProject } from './results.js';
import { startTcpProxy, type ProxyMode, type TcpProxy } from './tcp-proxy.js';

/**
 * What one conformance file needs: the prepared project of its target, a PostgreSQL cluster and
 * an echo server shared by the file, and per app instance a TCP proxy in front of PostgreSQL and
 * its own OTLP receiver (so spans of different instances never mix).
 */
export interface LaunchOptions {
  env?: EnvOverrides;
  /** Proxy mode at start (`cut` = "pg stopped" for C5). */
  proxyMode?: ProxyMode;
  /** What to wait for before returning; default `ready` (/readyz 200). */
  waitFor?: 'ready' | 'live' | 'nothing';
  timeoutMs?: number;
  /** Use this endpoint instead of a fresh receiver (C6: an unreachable collector). */
  otlpEndpoint?: string;
}

export interface Launched {
  app: AppInstance;
  proxy: TcpProxy;
  receiver: OtlpReceiver;
  /** GET/POST on the app port, fresh connection. */
  http(path: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  /** GET /metrics on the metrics port. */
  metrics(options?: HttpRequestOptions): Promise<HttpResponse>;
  /** SIGKILL the app and close its proxy and receiver now (afterAll does it otherwise). */
  stop(): Promise<void>;
}

export interface Stack {
  readonly target: ConformanceRow;
  readonly project: PreparedProject;
  readonly pg: PostgresCluster;
  readonly echo: EchoServer;
  launch(options?: LaunchOptions): Promise<Launched>;
}

/** The first lines of an app's output, for failure messages. */
export function describeOutput(app: AppInstance, lines = 15): string {
  const stdout = app.logs
    .slice(-lines)
    .map((line) => line.raw)
    .join('\n');
  const stderr = app.stderr().split('\n').slice(-lines).join('\n');
  return `--- stdout (last ${lines}) ---\n${stdout}\n--- stderr ---\n${stderr}`;
}

/** Each app's stdout/stderr and exit, kept as evidence next to the results table. */
function saveAppOutput(
  target: string,
  file: string,
  index: number,
  app: AppInstance,
  env: EnvOverrides | undefined,
): void {
  const dir = path.join(RESULTS_DIR, target, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const exit = app.exitInfo();
  const header = [
    `# ${file} app #${index} pid ${app.pid}; env overrides ${JSON.stringify(env ?? {})}`,
    `# exit: ${exit === undefined ? 'still running at dispose' : `code ${exit.code} signal ${exit.signal ?? '-'} after ${((exit.at - app.startedAt) / 1000).toFixed(2)} s`}`,
  ];
  const body = [
    ...header,
    ...app.logs.map((line) => line.raw),
    '# --- stderr ---',
    app.stderr(),
  ].join('\n');
  fs.writeFileSync(path.join(dir, `${file}-${String(index).padStart(2, '0')}.log`), body);
}

/**
 * Registers beforeAll/afterAll in the calling describe block; the returned getter works inside
 * tests. `file` names the evidence logs (results/<target>/logs/<file>-NN.log).
 */
export function useStack(target: ConformanceRow, file: string): () => Stack {
  let stack: Stack | undefined;
  let launches = 0;
  const disposers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const project = await prepareProject(target);
    noteProject(target.label, project.notes);
    const pg = await startPostgres();
    disposers.push(() => pg.destroy());
    const echo = await startEchoServer();
    disposers.push(() => echo.close());

    const launch = async (options: LaunchOptions = {}): Promise<Launched> => {
      const proxy = await startTcpProxy(pg.port);
      disposers.push(() => proxy.close());
      proxy.setMode(options.proxyMode ?? 'pass');
      const receiver = await startOtlpReceiver();
      disposers.push(() => receiver.close());
      const app = await spawnApp({
        projectDir: project.dir,
        argv: target.commands.start,
        databaseUrl: pg.appUrl(`127.0.0.1:${proxy.port}`),
        otlpEndpoint: options.otlpEndpoint ?? receiver.endpoint,
        env: options.env,
      });
      const index = (launches += 1);
      let saved = false;
      const dispose = async () => {
        await app.dispose();
        if (saved) return;
        saved = true;
        saveAppOutput(target.label, file, index, app, options.env);
      };
      disposers.push(dispose);
      const waitFor = options.waitFor ?? 'ready';
      if (waitFor !== 'nothing') {
        const path = waitFor === 'ready' ? '/readyz' : '/livez';
        const reached = await app.waitForStatus(
          path,
          200,
          options.timeoutMs ?? launchTimeoutMs(target.ecosystem),
        );
        if (reached === undefined) {
          throw new Error(`app never answered 200 on ${path}\n${describeOutput(app)}`);
        }
      }
      return {
        app,
        proxy,
        receiver,
        http: (path, requestOptions) => httpRequest(app.port, path, requestOptions),
        metrics: (requestOptions) => httpRequest(app.metricsPort, '/metrics', requestOptions),
        stop: async () => {
          await dispose();
          await proxy.close();
          await receiver.close();
        },
      };
    };
    stack = { target, project, pg, echo, launch };
  }, 15 * 60_000);

  afterAll(async () => {
    for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
    killTracked();
  }, 60_000);

  return () => {
    if (stack === undefined) throw new Error('stack not started (beforeAll failed?)');
    return stack;
  };
}
