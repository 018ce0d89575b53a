import { jest } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import { connect, type Socket } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fastifyTarget as target } from '../../src/catalog/targets/fastify.js';
import { startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { freePort, pollUntil } from '../conformance/harness/ports.js';
import { startRedis, type RedisServer } from '../conformance/harness/redis.js';
import { childEnv, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 8, real-time on the Fastify target, end to end: generate with `--feature realtime`,
 * install from the committed lockfile, build, type-check, lint, the project's own tests with a real
 * Redis and PostgreSQL; then two production instances on one Redis and one PostgreSQL with many
 * WebSocket and SSE clients on each, a WebSocket and an SSE client that never read, notes created
 * on both instances (each one a `note.created` message fanned out through Redis), and a SIGTERM to
 * one instance mid-stream. Printed: messages lost by connected fast clients (asserted zero), the
 * slow clients dropped for backpressure, the close each client of the stopped instance got, and the
 * resident memory of the instance holding the slow clients. Every process is ours, ended by PID.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'realtime-e2e';
const TOKEN = 'e2e-realtime-token-5c1d0a';
/** Fast clients per instance, per transport. */
const CLIENTS = 10;
/** Notes created while the slow clients fill their buffers, at most (stops once both dropped). */
const MAX_FILL = 40_000;
/** Notes created around the SIGTERM. */
const TAIL = 1500;
const CONCURRENCY = 8;
const SEND_BUFFER_LIMIT = 65_536;
/** 200 characters: the largest title, so messages are as large as the notes channel sends. */
const TITLE = 'x'.repeat(186);

let work: string;
let project: string;
let pg: PostgresCluster;
let redis: RedisServer;

const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
  runIn(argv, project, extra);

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-realtime-');
  project = join(work, NAME);
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
});

afterAll(async () => {
  await Promise.all([pg?.destroy(), redis?.destroy()]);
  await removeDir(work);
});

interface Instance {
  readonly name: 'A' | 'B';
  readonly child: ResultPromise;
  readonly port: number;
  readonly metricsPort: number;
  readonly output: () => string;
}

async function startInstance(name: Instance['name'], env: Record<string, string>) {
  const port = await freePort();
  const metricsPort = await freePort();
  const [command, ...args] = target.commands.start as readonly string[] as [string, ...string[]];
  let output = '';
  const child = execa(command, args, {
    cwd: project,
    env: childEnv({
      ...env,
      PORT: String(port),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    }),
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    all: true,
  });
  child.all?.on('data', (d: Buffer) => (output += d.toString()));
  const ready = await pollUntil(async () => {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await r.json()) as { status: string };
    // Both Redis connections up: `pass`, not `warn`.
    return r.status === 200 && body.status === 'pass' ? true : undefined;
  }, 30_000);
  if (ready === undefined) throw new Error(`instance ${name} did not become ready:\n${output}`);
  return { name, child, port, metricsPort, output: () => output } satisfies Instance;
}

function signal(instance: Instance, name: 'SIGTERM' | 'SIGKILL') {
  if (instance.child.pid === undefined) return;
  try {
    process.kill(-instance.child.pid, name);
  } catch {
    // already gone
  }
}

async function stopInstance(instance: Instance): Promise<number | undefined> {
  signal(instance, 'SIGTERM');
  const timer = setTimeout(() => signal(instance, 'SIGKILL'), 30_000);
  const result = await instance.child;
  clearTimeout(timer);
  return result.exitCode;
}

/** Resident set size of the instance's node process, in MiB. */
async function rssMiB(instance: Instance): Promise<number> {
  const status = await readFile(`/proc/${instance.child.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

async function metric(instance: Instance, name: string, ...labels: string[]): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${instance.metricsPort}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)`, 'gm'))]
    .filter((m) => labels.every((label) => m[1]!.split(',').includes(label)))
    .map((m) => Number(m[2]))
    .reduce((a, b) => a + b, 0);
}

interface Client {
  readonly instance: Instance['name'];
  readonly transport: 'websocket' | 'sse';
  readonly ids: string[];
  closeCode?: number;
  closeEvent?: boolean;
  closedAt?: number;
  readonly closed: Promise<void>;
  stop(): void;
}

const connectQuery = `channel=notes&access_token=${TOKEN}`;

async function websocketClient(instance: Instance): Promise<Client> {
  const socket = new WebSocket(`ws://127.0.0.1:${instance.port}/realtime/ws?${connectQuery}`);
  let resolveClosed: () => void = () => {};
  const client: Client = {
    instance: instance.name,
    transport: 'websocket',
    ids: [],
    closed: new Promise((resolve) => (resolveClosed = resolve)),
    stop: () => socket.close(),
  };
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data)) as { data: { id: string } };
    client.ids.push(frame.data.id);
  });
  socket.addEventListener('close', (event) => {
    client.closeCode = event.code;
    client.closedAt = performance.now();
    resolveClosed();
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  return client;
}

async function sseClient(instance: Instance): Promise<Client> {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${instance.port}/realtime/sse?${connectQuery}`, {
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`SSE answered ${response.status}`);
  let resolveClosed: () => void = () => {};
  const client: Client = {
    instance: instance.name,
    transport: 'sse',
    ids: [],
    closed: new Promise((resolve) => (resolveClosed = resolve)),
    stop: () => controller.abort(),
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          if (field('event') === 'notes') {
            client.ids.push((JSON.parse(field('data')!) as { id: string }).id);
          } else if (field('event') === 'close') {
            client.closeEvent = true;
          }
        }
      }
    } catch {
      // aborted by stop()
    }
    client.closedAt = performance.now();
    resolveClosed();
  })();
  return client;
}

/**
 * A client that sends its request, reads the response head, then never reads again: a raw socket,
 * so nothing in this process buffers for it either.
 */
async function stalledClient(instance: Instance, transport: 'websocket' | 'sse'): Promise<Socket> {
  const socket = connect(instance.port, '127.0.0.1');
  const upgrade = [
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
  ];
  socket.write(
    [
      `GET /realtime/${transport === 'websocket' ? 'ws' : 'sse'}?${connectQuery} HTTP/1.1`,
      `Host: 127.0.0.1:${instance.port}`,
      ...(transport === 'websocket' ? upgrade : []),
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) =>
    socket.once('data', (d) => resolve(String(d))),
  );
  const expected = transport === 'websocket' ? 'HTTP/1.1 101' : 'HTTP/1.1 200';
  if (!head.startsWith(expected)) throw new Error(`${transport} refused: ${head}`);
  socket.pause();
  socket.on('error', () => {});
  return socket;
}

describe('a Fastify project generated with --feature realtime', () => {
  it('generates with real-time and installs from the committed lockfile (npm ci)', async () => {
    const r = await execa(
      process.execPath,
      [CLI_BIN, NAME, '--yes', '--no-git', '--framework', 'fastify', '--feature', 'realtime'],
      { cwd: work, env: childEnv({ CI: '1' }), extendEnv: false, reject: false, all: true },
    );
    expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({ exit: 0, out: '' });
    for (const name of ['@fastify/websocket', 'ws', 'ioredis']) {
      expect(await readdir(join(project, 'node_modules', name))).not.toHaveLength(0);
    }
    const manifest = JSON.parse(await readFile(join(project, '.scalable-backend.json'), 'utf8'));
    expect(manifest.features).toEqual(['realtime']);
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('(docs/realtime.md)');
    expect(await readFile(join(project, 'k8s/secret.example.yaml'), 'utf8')).toContain(
      'REALTIME_TOKENS',
    );
  });

  it('builds, type-checks and lints', async () => {
    await run(target.commands.build);
    await run(target.commands.typecheck);
    await run(target.commands.lint);
  });

  it('passes its own tests with the Redis ones on a real Redis and PostgreSQL', async () => {
    const { all } = await run(target.commands.test, {
      TEST_REDIS_URL: redis.url(),
      TEST_DATABASE_URL: pg.appUrl(),
    });
    expect(all).toMatch(/✔ real-time fan-out on a real Redis/);
    expect(all).toMatch(/✔ real-time endpoints/);
    expect(all).toMatch(/✔ real-time hub/);
    expect(all).toMatch(/ℹ skipped 0/);
  });

  it('two instances: every connected fast client gets every message, slow clients are dropped, SIGTERM closes clients first', async () => {
    const env = {
      DATABASE_URL: pg.appUrl(),
      NODE_ENV: 'production',
      OTEL_TRACES_EXPORTER: 'none',
      REDIS_URL: redis.url(),
      REALTIME_TOKENS: TOKEN,
      REALTIME_SEND_BUFFER_LIMIT_BYTES: String(SEND_BUFFER_LIMIT),
      SHUTDOWN_DELAY_MS: '500',
    };
    await run(target.commands.migrate, env);
    const a = await startInstance('A', env);
    const b = await startInstance('B', env);
    const report: Record<string, unknown> = {};
    const fastClients: Client[] = [];
    try {
      const clients: Client[] = fastClients;
      for (const instance of [a, b]) {
        for (let i = 0; i < CLIENTS; i += 1) {
          clients.push(await websocketClient(instance), await sseClient(instance));
        }
      }
      const stalled = {
        websocket: await stalledClient(a, 'websocket'),
        sse: await stalledClient(a, 'sse'),
      };
      expect(await metric(a, 'realtime_connections')).toBe(2 * CLIENTS + 2);
      const rss = { baselineA: await rssMiB(a), baselineB: await rssMiB(b), peakA: 0, peakB: 0 };
      const sampler = setInterval(() => {
        void Promise.all([rssMiB(a), rssMiB(b)])
          .then(([ra, rb]) => {
            rss.peakA = Math.max(rss.peakA, ra);
            rss.peakB = Math.max(rss.peakB, rb);
          })
          .catch(() => {});
      }, 100);

      // Notes are created on both instances, round robin; after A's SIGTERM, on B only.
      const created: string[] = [];
      let aStopping = false;
      const createNotes = async (count: number) => {
        let next = 0;
        const worker = async () => {
          while (next < count) {
            const i = next++;
            const targets = aStopping || i % 2 === 1 ? [b] : [a, b];
            for (const instance of targets) {
              const r = await fetch(`http://127.0.0.1:${instance.port}/notes`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ title: `${TITLE}${String(i).padStart(14, '0')}` }),
              }).catch(() => undefined);
              if (r?.status === 201) {
                created.push(((await r.json()) as { id: string }).id);
                break;
              }
              // A refused (shutting down): the same note goes to B.
            }
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      };

      // 1. Until both stalled clients of A were dropped for backpressure.
      const fillStarted = performance.now();
      while (created.length < MAX_FILL) {
        await createNotes(250);
        if ((await metric(a, 'realtime_disconnects_total', 'reason="backpressure"')) >= 2) break;
      }
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      const publishedBeforeDrop = created.length;
      const droppedA = await metric(a, 'realtime_messages_dropped_total');
      const backpressure = (transport: string) =>
        metric(
          a,
          'realtime_disconnects_total',
          'reason="backpressure"',
          `transport="${transport}"`,
        );
      const backpressureA = {
        websocket: await backpressure('websocket'),
        sse: await backpressure('sse'),
      };
      const rssBeforeTerm = { a: await rssMiB(a), b: await rssMiB(b) };

      // 2. SIGTERM to A while notes keep being created.
      const tail = createNotes(TAIL);
      await pollUntil(
        async () => (created.length >= publishedBeforeDrop + 200 ? true : undefined),
        60_000,
        10,
      );
      const sigtermAt = performance.now();
      aStopping = true;
      signal(a, 'SIGTERM');
      const exitA = (await a.child).exitCode;
      await tail;
      clearInterval(sampler);

      // 3. B's clients must have every note created; A's, every note up to their close.
      const fastB = clients.filter((c) => c.instance === 'B');
      const fastA = clients.filter((c) => c.instance === 'A');
      const createdSet = new Set(created);
      await pollUntil(
        async () => (fastB.every((c) => c.ids.length >= created.length) ? true : undefined),
        30_000,
        50,
      );
      const lostB = fastB.map((c) => {
        const got = new Set(c.ids);
        return created.filter((id) => !got.has(id)).length;
      });
      // Redis gives every subscriber one order: B's first client's is the reference.
      const order = new Map([...new Set(fastB[0]!.ids)].map((id, index) => [id, index]));
      const lostA = fastA.map((c) => {
        const positions = c.ids.map((id) => order.get(id)!);
        if (positions.length === 0) return 0;
        const span = Math.max(...positions) - Math.min(...positions) + 1;
        return span - new Set(positions).size;
      });
      const closeAfterSigtermMs = fastA.map((c) =>
        Math.round((c.closedAt ?? Infinity) - sigtermAt),
      );
      const duplicates = clients.map((c) => c.ids.length - new Set(c.ids).size);
      const unknown = clients.flatMap((c) => c.ids.filter((id) => !createdSet.has(id)));

      Object.assign(report, {
        clients: `${clients.length} fast (${CLIENTS} WebSocket + ${CLIENTS} SSE per instance) + 2 stalled on A`,
        notesCreated: created.length,
        messagesDelivered: clients.reduce((sum, c) => sum + c.ids.length, 0),
        fill: `${publishedBeforeDrop} notes in ${fillSeconds.toFixed(1)} s until both stalled clients were dropped`,
        stalledClients: {
          droppedMessages: droppedA,
          disconnectedForBackpressure: backpressureA,
        },
        lostByConnectedFastClients: {
          B: lostB.reduce((x, y) => x + y, 0),
          A: lostA.reduce((x, y) => x + y, 0),
        },
        duplicates: duplicates.reduce((x, y) => x + y, 0),
        // Handler attempts that failed (a PUBLISH reply slower than REDIS_COMMAND_TIMEOUT_MS) and
        // were retried: the hub delivers the second copy of such a message to no one.
        publishRetries: [a, b].map(
          (instance) =>
            instance
              .output()
              .split('\n')
              .filter((line) => line.includes('notes.push-to-clients')).length,
        ),
        instanceA: {
          exitCode: exitA,
          websocketCloseCodes: [
            ...new Set(fastA.filter((c) => c.transport === 'websocket').map((c) => c.closeCode)),
          ],
          sseCloseEvents: fastA.filter((c) => c.transport === 'sse' && c.closeEvent).length,
          closeAfterSigtermMs: {
            min: Math.min(...closeAfterSigtermMs),
            max: Math.max(...closeAfterSigtermMs),
          },
          messagesPerClientBeforeClose: {
            min: Math.min(...fastA.map((c) => c.ids.length)),
            max: Math.max(...fastA.map((c) => c.ids.length)),
          },
        },
        rssMiB: {
          A_withStalledClients: {
            baseline: rss.baselineA.toFixed(1),
            peak: rss.peakA.toFixed(1),
            beforeSigterm: rssBeforeTerm.a.toFixed(1),
          },
          B_withoutStalledClients: {
            baseline: rss.baselineB.toFixed(1),
            peak: rss.peakB.toFixed(1),
            beforeSigterm: rssBeforeTerm.b.toFixed(1),
          },
          unboundedWouldQueuePerStalledClientMiB: (
            (publishedBeforeDrop * 290) /
            1024 /
            1024
          ).toFixed(1),
        },
      });
      console.log(`realtime e2e figures:\n${JSON.stringify(report, null, 2)}`);

      expect(unknown).toEqual([]);
      expect(lostB).toEqual(fastB.map(() => 0));
      expect(lostA).toEqual(fastA.map(() => 0));
      expect(duplicates).toEqual(clients.map(() => 0));
      expect(backpressureA).toEqual({ websocket: 1, sse: 1 });
      expect(droppedA).toBeGreaterThanOrEqual(2);
      expect(exitA).toBe(0);
      expect(fastA.filter((c) => c.transport === 'websocket').map((c) => c.closeCode)).toEqual(
        Array(CLIENTS).fill(1001),
      );
      expect(fastA.filter((c) => c.transport === 'sse').map((c) => c.closeEvent)).toEqual(
        Array(CLIENTS).fill(true),
      );
      // Stalled sockets: nothing more to read for them; free them. B's clients stay connected:
      // B's own shutdown closes them below (a fetch aborted by the client leaves undici holding an
      // unused connection to the server, which would hold B's drain to its timeout).
      stalled.websocket.destroy();
      stalled.sse.destroy();
    } finally {
      if (a.child.exitCode === null) signal(a, 'SIGKILL');
      const exitB = await stopInstance(b);
      const tail = exitB === 0 ? '' : b.output().split('\n').slice(-15).join('\n');
      expect({ exitB, tail }).toEqual({ exitB: 0, tail: '' });
      const clientsOfB = fastClients.filter((c) => c.instance === 'B');
      await Promise.all(clientsOfB.map((c) => c.closed));
      expect(clientsOfB.map((c) => c.closeCode ?? c.closeEvent)).toEqual(
        clientsOfB.map((c) => (c.transport === 'websocket' ? 1001 : true)),
      );
    }
  });
});
