import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './ports.js';
import { isAlive, trackPid, untrackPid } from './processes.js';

const run = promisify(execFile);

const PG_BIN = process.env.CSB_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** initdb and postgres refuse to run as root: as root we run them as this OS user. */
const PG_OS_USER = 'postgres';

/** Contract §2.0 baseline credentials (the password doubles as the secret canary of C4/C13/S26). */
export const APP_DB = { user: 'app', password: 'sentinel-db-9f3a', database: 'app' } as const;

export interface PostgresCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** postgres://app:...@127.0.0.1:<port>/app, or through another host:port (a proxy). */
  appUrl(hostPort?: string): string;
  /** Superuser query over the cluster's private Unix socket (database `postgres` unless named). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<R[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
  serverLog(): Promise<string>;
  /** Stops the server (immediate) and removes the temp dir. */
  destroy(): Promise<void>;
}

function asPgUser(argv: string[]): [string, string[]] {
  const isRoot = process.getuid?.() === 0;
  const [command, ...args] = argv as [string, ...string[]];
  return isRoot ? ['runuser', ['-u', PG_OS_USER, '--', command, ...args]] : [command, args];
}

async function pgTool(tool: string, args: string[]): Promise<string> {
  const [command, argv] = asPgUser([path.join(PG_BIN, tool), ...args]);
  const { stdout } = await run(command, argv, { timeout: 60_000 });
  return stdout;
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** initdb a fresh cluster in a temp dir, start it on a free 127.0.0.1 port, create role and db `app`. */
export async function startPostgres(): Promise<PostgresCluster> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'csb-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = root;
  const logFile = path.join(root, 'server.log');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', PG_OS_USER]);
    const { stdout: gid } = await run('id', ['-g', PG_OS_USER]);
    await fs.chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await pgTool('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c max_connections=200',
    '-c log_connections=on',
    '-c log_disconnections=on',
  ].join(' ');

  let pid: number | undefined;
  const admin = (database = 'postgres'): pg.Client =>
    new pg.Client({ host: socketDir, port, user: 'postgres', database });

  const cluster: PostgresCluster = {
    host: '127.0.0.1',
    port,
    dataDir,
    logFile,
    appUrl: (hostPort = `127.0.0.1:${port}`) =>
      `postgres://${APP_DB.user}:${APP_DB.password}@${hostPort}/${APP_DB.database}`,
    async query(sql, params, database) {
      const client = admin(database);
      await client.connect();
      try {
        const result = await client.query(sql, params);
        return result.rows;
      } finally {
        await client.end();
      }
    },
    async start() {
      await pgTool('pg_ctl', [
        'start',
        '-w',
        '-t',
        '30',
        '-D',
        dataDir,
        '-l',
        logFile,
        '-o',
        serverOptions,
      ]);
      pid = await postmasterPid(dataDir);
      if (pid !== undefined) trackPid(pid);
    },
    async stop() {
      await pgTool('pg_ctl', ['stop', '-w', '-t', '30', '-m', 'fast', '-D', dataDir]);
      if (pid !== undefined) untrackPid(pid);
      pid = undefined;
    },
    serverLog: () => fs.readFile(logFile, 'utf8').catch(() => ''),
    async destroy() {
      const running = pid ?? (await postmasterPid(dataDir));
      if (running !== undefined && isAlive(running)) {
        await pgTool('pg_ctl', ['stop', '-w', '-t', '10', '-m', 'immediate', '-D', dataDir]).catch(
          () => {
            if (isAlive(running)) process.kill(running, 'SIGKILL');
          },
        );
        untrackPid(running);
      }
      await fs.rm(root, { recursive: true, force: true });
    },
  };

  await cluster.start();
  await cluster.query(`CREATE ROLE ${APP_DB.user} LOGIN PASSWORD '${APP_DB.password}'`);
  await cluster.query(`CREATE DATABASE ${APP_DB.database} OWNER ${APP_DB.user}`);
  return cluster;
}

export interface SessionRow {
  pid: number;
  application_name: string;
  client_port: number | null;
  state: string | null;
}

/** Client sessions of database `app` (what C19/C65/S10 count). */
export async function appSessions(cluster: PostgresCluster): Promise<SessionRow[]> {
  return cluster.query<SessionRow>(
    `SELECT pid, application_name, client_port, state FROM pg_stat_activity
      WHERE datname = $1 AND backend_type = 'client backend'`,
    [APP_DB.database],
  );
}
