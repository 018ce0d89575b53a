import fs from 'node:fs';
import http from 'node:http';
import { dockerfileEnv } from './harness/app-process.js';
import {
  leakedInternals,
  problemRequestId,
  securityHeaderViolations,
} from './harness/assertions.js';
import { inBackground } from './harness/background.js';
import { SERVICE_NAME, SHUTDOWN_TIMEOUT_MS, STACK_FRAME } from './harness/contract.js';
import { runFailFast } from './harness/fail-fast.js';
import {
  FAULT_CANARY,
  FAULT_TRIGGER_SIGNAL,
  faultEnv,
  type ProcessFault,
} from './harness/fault-injection.js';
import { oversizeTrickle } from './harness/body-limit.js';
import { attempt, percentile } from './harness/http-client.js';
import { accessLines, allOutput, jsonLines, levelRank, messageOf } from './harness/logs.js';
import { now, pollUntil, sleep } from './harness/ports.js';
import { RawConnection } from './harness/raw-http.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched } from './harness/stack.js';

/** reliability.md D4 rows the contract does not already cover: S07, S11-S13, S21, S22, S25-S29. */
const rssBytes = (pid: number): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
};
/** User + system CPU seconds of a process (clock ticks are 100/s on Linux). */
const cpuSeconds = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const MiB = 1024 * 1024;
/** The container memory limit the contract's runners assume (C8: 512 MiB). */
const CONTAINER_LIMIT = 512 * MiB;

/** S22: a POST body at 1 byte/s; the server must cut it at its request/read timeout (default 30 s). */
async function slowUpload(launched: Launched) {
  const connection = await RawConnection.open(launched.app.port);
  const openedAt = now();
  await connection.write(
    'POST /__conformance/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
  );
  while (!connection.isClosed && now() - openedAt < 40_000) {
    await Promise.race([sleep(1000), connection.closed]);
    if (!connection.isClosed) await connection.write(' ');
  }
  const closed = await connection.waitClosed(0);
  const answer = connection.pending().toString('latin1').split('\r\n')[0] ?? '';
  connection.destroy();
  return { closedMs: closed === undefined ? undefined : closed.at - openedAt, answer };
}

/** S13: open-model load. Returns every outcome with its latency. */
async function openModelLoad(
  port: number,
  path: string,
  ratePerSecond: number,
  durationMs: number,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const outcomes: { status: number | string; ms: number; retryAfter: string | undefined }[] = [];
  const pending: Promise<void>[] = [];
  const start = now();
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const begun = now();
      const request = http.get(
        { host: '127.0.0.1', port, path, agent, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            outcomes.push({
              status: response.statusCode ?? 0,
              ms: now() - begun,
              retryAfter: response.headers['retry-after'],
            });
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error: NodeJS.ErrnoException) => {
        outcomes.push({
          status: error.code ?? error.message,
          ms: now() - begun,
          retryAfter: undefined,
        });
        resolve();
      });
    });
  while (now() - start < durationMs) {
    const due = Math.floor(((now() - start) / 1000) * ratePerSecond);
    for (; sent < due; sent += 1) pending.push(one());
    await sleep(5);
  }
  await Promise.all(pending);
  agent.destroy();
  return outcomes;
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: reliability (D4)',
  (_id, target) => {
    const stack = useStack(target, 'reliability');
    const checks = registerChecks(target.label, 'reliability');
    let main: Launched;
    let s22: ReturnType<typeof slowUpload>;

    beforeAll(async () => {
      main = await stack().launch();
      s22 = inBackground(async () => {
        const launched = await stack().launch();
        const result = await slowUpload(launched);
        await launched.stop();
        return result;
      });
    }, 60_000);

    const faults: ProcessFault[] = ['uncaught-exception', 'unhandled-rejection'];
    for (const fault of faults) {
      checks.must(
        'S07',
        `${fault}: logged with stack, graceful close, non-zero exit within T`,
        async (ctx) => {
          const env = faultEnv(target, fault, dockerfileEnv(stack().project.dir));
          if (env === undefined)
            throw new Error(
              `no fault hook for the ${target.ecosystem} ecosystem (harness/fault-injection.ts)`,
            );
          const launched = await stack().launch({ env });
          const { app } = launched;
          await launched.http('/__conformance/db?sleep_ms=1');
          const triggeredAt = app.signal(FAULT_TRIGGER_SIGNAL);
          // Graceful close shows as readiness 503 (or refusal after the listener closed) before the exit.
          const readiness: (number | string)[] = [];
          while (app.exitInfo() === undefined && now() - triggeredAt < SHUTDOWN_TIMEOUT_MS + 2000) {
            const probe = await attempt(app.port, '/readyz', { timeoutMs: 1000 });
            readiness.push(probe.response?.status ?? probe.error ?? 'none');
            await sleep(100);
          }
          const exit = await Promise.race([app.exited, sleep(2000).then(() => undefined)]);
          const exitMs = exit === undefined ? undefined : exit.at - triggeredAt;
          const lines = jsonLines(app.logs);
          const crashIndex = lines.findIndex((r) => JSON.stringify(r).includes(FAULT_CANARY));
          const crash = lines[crashIndex];
          const stackText = String(
            crash?.['exception.stacktrace'] ??
              crash?.stack ??
              (crash?.err as Record<string, unknown> | undefined)?.stack ??
              '',
          );
          const closeLine = lines
            .slice(crashIndex + 1)
            .find((r) => /shut|clos|grace|drain|stop/i.test(messageOf(r)));
          ctx.figure(
            `exit ${exit?.code ?? 'none'} after ${exitMs === undefined ? '—' : `${(exitMs / 1000).toFixed(2)} s`}; crash line level ${String(crash?.level)}; close log: ${closeLine ? JSON.stringify(closeLine.msg) : 'none'}; readyz after crash: ${[...new Set(readiness)].join(',') || 'none'}`,
          );
          await launched.stop();
          expect({
            loggedAtErrorOrFatal:
              crash !== undefined && levelRank(crash.level) >= levelRank('error'),
            withStack: (STACK_FRAME[target.ecosystem] ?? /\bat\s/).test(stackText),
            gracefulCloseAttempted: closeLine !== undefined || readiness.includes(503),
            nonZeroExitWithinT:
              exit !== undefined && exit.code !== 0 && exitMs! <= SHUTDOWN_TIMEOUT_MS,
            stderrStack: app.stderr().includes(FAULT_CANARY) ? 'crash printed raw on stderr' : 'ok',
          }).toEqual({
            loggedAtErrorOrFatal: true,
            withStack: true,
            gracefulCloseAttempted: true,
            nonZeroExitWithinT: true,
            stderrStack: 'ok',
          });
        },
      );
    }

    checks.must(
      'S11',
      'DB black-holed: bounded failures, event loop free, recovery',
      async (ctx) => {
        const timeoutMs = 2000;
        const launched = await stack().launch({
          env: {
            DB_STATEMENT_TIMEOUT_MS: String(timeoutMs),
            DB_POOL_ACQUIRE_TIMEOUT_MS: String(timeoutMs),
          },
        });
        await launched.http('/__conformance/db?sleep_ms=1');
        launched.proxy.setMode('black-hole');
        const dbCalls = Array.from({ length: 10 }, () =>
          attempt(launched.app.port, '/__conformance/db?sleep_ms=1', { timeoutMs: 30_000 }),
        );
        const livez: number[] = [];
        const livezStart = now();
        while (now() - livezStart < timeoutMs + 2000) {
          const r = await attempt(launched.app.port, '/livez', { timeoutMs: 2000 });
          livez.push(r.response?.status === 200 ? r.response.elapsedMs : 2000);
          await sleep(50);
        }
        const results = await Promise.all(dbCalls);
        launched.proxy.setMode('pass');
        const unblockedAt = now();
        const recovered = await pollUntil(
          async () =>
            (await launched.http('/__conformance/db?sleep_ms=1')).status === 200
              ? now() - unblockedAt
              : undefined,
          10_000,
          200,
        );
        await launched.stop();
        const slowest = Math.max(
          ...results.map((r) => r.response?.elapsedMs ?? Number.POSITIVE_INFINITY),
        );
        const p99 = percentile(livez, 99);
        // "Within the query timeout": a black-holed server never sends its statement_timeout error,
        // so the client-side backstop ends the call; it is DB_STATEMENT_TIMEOUT_MS + 1 s so that it
        // never races the server's own error (which keeps the connection reusable, C66). Plus the
        // ±10 % tolerance D4 grants handler timeouts (S12).
        const budgetMs = (timeoutMs + 1000) * 1.1;
        ctx.figure(
          `db calls ${results.map((r) => r.response?.status ?? r.error).join('/')} (slowest ${Math.round(slowest)} ms, budget ${budgetMs} ms); livez p99 ${p99.toFixed(1)} ms; recovered ${recovered === undefined ? 'never' : `${Math.round(recovered)} ms`}`,
        );
        expect({
          allFailedWithinTimeout: results.every(
            (r) =>
              r.response !== undefined &&
              r.response.status >= 500 &&
              r.response.elapsedMs <= budgetMs,
          ),
          livezP99Under100: p99 < 100,
          recoveredWithin10s: recovered !== undefined,
        }).toEqual({
          allFailedWithinTimeout: true,
          livezP99Under100: true,
          recoveredWithin10s: true,
        });
      },
      60_000,
    );

    checks.must(
      'S12',
      'slow downstream: 503/504 at the handler timeout ±10 %, downstream cancelled, RSS stable',
      async (ctx) => {
        const handlerTimeout = 2000;
        const launched = await stack().launch({
          env: { REQUEST_TIMEOUT_MS: String(handlerTimeout), DB_STATEMENT_TIMEOUT_MS: '20000' },
        });
        const echo = stack().echo;
        const rssBefore = rssBytes(launched.app.pid);
        const marker = `/s12-${Date.now()}`;
        const outbound = await launched.http(
          `/__conformance/outbound?target=${encodeURIComponent(`${echo.url.replace(/\/$/, '')}${marker}?delay_ms=5000`)}`,
        );
        await sleep(1000);
        const stub = echo.requests.find((r) => r.url.startsWith(marker));
        const db = await launched.http('/__conformance/db?sleep_ms=5000');
        const queryCancelled = await pollUntil(
          async () => {
            const active = await stack().pg.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%pg_sleep%' AND state = 'active'`,
              [SERVICE_NAME],
            );
            return Number(active[0]?.n) === 0 ? now() - db.endedAt : undefined;
          },
          1500,
          50,
        );
        for (let i = 0; i < 5; i += 1) await launched.http('/__conformance/db?sleep_ms=3000');
        const rssAfter = rssBytes(launched.app.pid);
        await launched.stop();
        const inWindow = (ms: number) => ms >= handlerTimeout * 0.9 && ms <= handlerTimeout * 1.1;
        ctx.figure(
          `outbound ${outbound.status} after ${Math.round(outbound.elapsedMs)} ms; db ${db.status} after ${Math.round(db.elapsedMs)} ms; stub saw disconnect: ${stub?.clientClosedEarly}; query cancelled ${queryCancelled === undefined ? 'no' : `${Math.round(queryCancelled)} ms after response`}; RSS ${Math.round(rssBefore / MiB)} → ${Math.round(rssAfter / MiB)} MiB`,
        );
        expect({
          outbound: [[503, 504].includes(outbound.status), inWindow(outbound.elapsedMs)],
          db: [[503, 504].includes(db.status), inWindow(db.elapsedMs)],
          stubSawDisconnect: stub?.clientClosedEarly,
          queryCancelled: queryCancelled !== undefined,
          rssStable: rssAfter < rssBefore * 1.5,
        }).toEqual({
          outbound: [true, true],
          db: [true, true],
          stubSawDisconnect: true,
          queryCancelled: true,
          rssStable: true,
        });
      },
      90_000,
    );

    checks.must(
      'S13',
      'overload at 5× capacity for 60 s',
      async (ctx) => {
        const concurrency = 10;
        const serviceMs = 200;
        const path = `/__conformance/sleep?ms=${serviceMs}`;
        const launched = await stack().launch({
          env: { MAX_CONCURRENT_REQUESTS: String(concurrency) },
        });
        // Capacity: closed loop at the concurrency cap for 3 s.
        const capacityStart = now();
        let completed = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (now() - capacityStart < 3000)
              if ((await attempt(launched.app.port, path)).response?.status === 200) completed += 1;
          }),
        );
        const capacity = completed / ((now() - capacityStart) / 1000);
        const livez: number[] = [];
        const livezFailures: string[] = [];
        let loading = true;
        let peakRss = 0;
        const cpuBefore = cpuSeconds(launched.app.pid);
        const watcher = (async () => {
          while (loading) {
            const r = await attempt(launched.app.port, '/livez', { timeoutMs: 2000 });
            livez.push(
              r.response?.status === 200 ? r.response.elapsedMs : Number.POSITIVE_INFINITY,
            );
            if (r.response?.status !== 200)
              livezFailures.push(String(r.response?.status ?? r.error));
            peakRss = Math.max(peakRss, rssBytes(launched.app.pid));
            await sleep(500);
          }
        })();
        const loadStartedAt = now();
        const outcomes = await openModelLoad(launched.app.port, path, capacity * 5, 60_000);
        // The server's own view of admitted latency, to tell app queueing from load-generator lag.
        const serverSide = accessLines(launched.app.logs.filter((l) => l.at >= loadStartedAt))
          .filter(
            (r) =>
              r['http.response.status_code'] === 200 &&
              String(r['url.path']).startsWith('/__conformance/sleep'),
          )
          .map((r) => Number(r.duration_ms));
        loading = false;
        const appCpuPercent =
          ((cpuSeconds(launched.app.pid) - cpuBefore) / ((now() - loadStartedAt) / 1000)) * 100;
        await watcher;
        await sleep(5000);
        const after = await Promise.all(
          Array.from({ length: concurrency }, () => attempt(launched.app.port, path)),
        );
        const alive = launched.app.exitInfo() === undefined;
        await launched.stop();
        const admitted = outcomes.filter((o) => o.status === 200);
        const shed = outcomes.filter((o) => o.status !== 200);
        const badShed = shed.filter((o) => o.status !== 503 || !/^\d+$/.test(o.retryAfter ?? ''));
        const p99 = percentile(
          admitted.map((o) => o.ms),
          99,
        );
        ctx.figure(
          `capacity ${capacity.toFixed(0)} rps, offered ${(capacity * 5).toFixed(0)} rps: ${admitted.length} admitted (p99 ${Math.round(p99)} ms client-side, ${Math.round(percentile(serverSide, 99))} ms server-side), ${shed.length} shed; app CPU ${Math.round(appCpuPercent)} %; peak RSS ${Math.round(peakRss / MiB)} MiB; livez max ${Math.round(Math.max(...livez.filter(Number.isFinite)))} ms${livezFailures.length ? `, failures ${livezFailures.join(',')}` : ''}`,
        );
        expect({
          shedWith503RetryAfter: badShed
            .slice(0, 5)
            .map((o) => `${o.status} retry-after=${o.retryAfter}`),
          admittedP99Within500ms: p99 <= 500,
          alive,
          rssBelowLimit: peakRss < CONTAINER_LIMIT,
          livezResponsive: livez.every((ms) => ms < 1000),
          fullSuccessAfter5s: after.map((r) => r.response?.status ?? r.error),
        }).toEqual({
          shedWith503RetryAfter: [],
          admittedP99Within500ms: true,
          alive: true,
          rssBelowLimit: true,
          livezResponsive: true,
          fullSuccessAfter5s: Array.from({ length: concurrency }, () => 200),
        });
      },
      180_000,
    );

    checks.must(
      'S21',
      'slowloris ×500: each closed within the header timeout, legit traffic p99 < 200 ms',
      async (ctx) => {
        const headerBudgetMs = 15_000;
        const launched = await stack().launch();
        const sockets = await Promise.all(
          Array.from({ length: 500 }, () => RawConnection.open(launched.app.port)),
        );
        const openedAt = now();
        await Promise.all(sockets.map((s) => s.write('GET /livez HTTP/1.1\r\nHost: x\r\n')));
        const trickle = (async () => {
          while (now() - openedAt < headerBudgetMs + 1000 && sockets.some((s) => !s.isClosed)) {
            await sleep(10_000 - ((now() - openedAt) % 10_000));
            await Promise.all(sockets.filter((s) => !s.isClosed).map((s) => s.write('a')));
          }
        })();
        const legit: number[] = [];
        while (now() - openedAt < headerBudgetMs) {
          const r = await attempt(launched.app.port, '/__conformance/items/21', {
            timeoutMs: 2000,
          });
          legit.push(r.response?.status === 200 ? r.response.elapsedMs : Number.POSITIVE_INFINITY);
          await sleep(100);
        }
        await Promise.race([trickle, sleep(2000)]);
        const closedWithin = sockets.filter((s) => s.isClosed).length;
        sockets.forEach((s) => s.destroy());
        await launched.stop();
        const p99 = percentile(legit, 99);
        ctx.figure(
          `${closedWithin}/500 closed within ${headerBudgetMs / 1000} s; legit p99 ${p99.toFixed(1)} ms over ${legit.length}`,
        );
        expect({ allClosed: closedWithin, legitP99Under200: p99 < 200 }).toEqual({
          allClosed: 500,
          legitP99Under200: true,
        });
      },
      60_000,
    );

    checks.must(
      'S22',
      'slow body upload (1 byte/s) closed at the request timeout (default 30 s)',
      async (ctx) => {
        const r = await s22;
        ctx.figure(
          r.closedMs === undefined
            ? 'still open after 40 s'
            : `closed after ${(r.closedMs / 1000).toFixed(1)} s${r.answer ? ` (${r.answer})` : ''}`,
        );
        expect(r.closedMs !== undefined && r.closedMs <= 35_000).toBe(true);
      },
      90_000,
    );

    checks.must(
      'S25',
      'security headers on 404, 413, 429, 500 and 503-while-draining; CORS closed by default',
      async (ctx) => {
        const responses: {
          status: number;
          headers: Record<string, string | string[] | undefined>;
        }[] = [
          await main.http('/does-not-exist-s25', {
            headers: { origin: 'https://any.example.com' },
          }),
          await main.http('/__conformance/error'),
        ];
        const oversize = (await oversizeTrickle(main.app.port, false)).response;
        if (oversize !== undefined) responses.push(oversize);
        const limited = await stack().launch({ env: { RATE_LIMIT_RPM: '1' } });
        for (let i = 0; i < 3; i += 1)
          responses.push(await limited.http('/__conformance/items/25'));
        await limited.stop();
        const draining = await stack().launch();
        const keepAlive = await RawConnection.open(draining.app.port);
        await keepAlive.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
        await keepAlive.readResponse();
        const signalAt = draining.app.signal('SIGTERM');
        await sleep(Math.max(0, signalAt + 2300 - now()));
        await keepAlive.write('GET /__conformance/items/25 HTTP/1.1\r\nHost: x\r\n\r\n');
        const late = await keepAlive.readResponse(3000).catch(() => undefined);
        const fresh = await attempt(draining.app.port, '/__conformance/items/25');
        keepAlive.destroy();
        await draining.stop();
        const drainingStatuses = [late?.status, fresh.response?.status ?? fresh.error];
        for (const r of [late, fresh.response])
          if (r !== undefined && r.status === 503) responses.push(r);
        const statuses = responses.map((r) => r.status);
        const problems = responses.flatMap((r) =>
          securityHeaderViolations(r.headers).map((p) => `${r.status}: ${p}`),
        );
        const acao = responses
          .filter((r) => r.headers['access-control-allow-origin'] !== undefined)
          .map((r) => String(r.headers['access-control-allow-origin']));
        ctx.figure(
          `statuses ${statuses.join(', ')}; while draining: ${drainingStatuses.join(' / ')}`,
        );
        expect({
          covered: [404, 413, 429, 500].filter((s) => !statuses.includes(s)),
          problems: [...new Set(problems)],
          acao,
        }).toEqual({ covered: [], problems: [], acao: [] });
      },
      60_000,
    );

    checks.must(
      'S26',
      'log redaction canaries across 400, 500, DB-down and config errors',
      async (ctx) => {
        const dbUrl = stack().pg.appUrl().replace('sentinel-db-9f3a', 'CANARY6');
        const launched = await stack().launch({
          env: { DATABASE_URL: dbUrl, LOG_LEVEL: 'debug' },
          waitFor: 'live',
        });
        const headers = {
          authorization: 'Bearer CANARY1',
          cookie: 's=CANARY2',
          'content-type': 'application/json',
        };
        const statuses = [
          (
            await launched.http('/__conformance/echo?api_key=CANARY5', {
              method: 'POST',
              headers,
              body: '{"password":"CANARY3","token":"CANARY4"}',
            })
          ).status,
          (
            await launched.http('/__conformance/echo?api_key=CANARY5', {
              method: 'POST',
              headers,
              body: '{"password":"CANARY3","token":',
            })
          ).status,
          (await launched.http('/__conformance/error?api_key=CANARY5', { headers })).status,
          (await launched.http('/__conformance/db?sleep_ms=1&api_key=CANARY5', { headers })).status,
          (await launched.http('/readyz')).status,
        ];
        await sleep(500);
        const configFailure = await runFailFast(
          stack(),
          { DATABASE_URL: dbUrl, PORT: 'abc' },
          'PORT',
        );
        const output = allOutput(launched.app) + allOutput(configFailure.app);
        await launched.stop();
        const count = (output.match(/CANARY/g) ?? []).length;
        ctx.figure(
          `statuses ${statuses.join(', ')}; config error exit ${configFailure.exit?.code ?? 'none'}; CANARY count ${count}`,
        );
        expect({ triggered: [statuses[1], statuses[2], statuses[3], statuses[4]], count }).toEqual({
          triggered: [400, 500, 503, 503],
          count: 0,
        });
      },
      60_000,
    );

    checks.must(
      'S27',
      'error responses: generic 500 with a request id, also without NODE_ENV',
      async (ctx) => {
        const noNodeEnv = await stack().launch({ env: { NODE_ENV: undefined } });
        const bodies = [];
        for (const launched of [main, noNodeEnv]) {
          const response = await launched.http('/__conformance/error');
          bodies.push({ response, requestIdHeader: response.headers['x-request-id'] });
        }
        await noNodeEnv.stop();
        const problems = bodies.flatMap(({ response, requestIdHeader }, i) => [
          ...leakedInternals(response.body).map(
            (p) => `${i === 0 ? 'default' : 'NODE_ENV unset'}: ${p}`,
          ),
          ...(problemRequestId(response) === requestIdHeader && requestIdHeader !== undefined
            ? []
            : [
                `request_id ${JSON.stringify(problemRequestId(response))} vs header ${String(requestIdHeader)}`,
              ]),
        ]);
        ctx.figure(
          bodies
            .map((b) => b.response.body)
            .join(' | ')
            .slice(0, 200),
        );
        expect({ statuses: bodies.map((b) => b.response.status), problems }).toEqual({
          statuses: [500, 500],
          problems: [],
        });
      },
    );

    checks.must(
      'S28',
      'request id injection: rejected or replaced; every line carries the id',
      async (ctx) => {
        const raw = await RawConnection.open(main.app.port);
        await raw.write(
          'GET /__conformance/items/28 HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\r\nInjected: 1\r\nConnection: close\r\n\r\n',
        );
        const split = await raw.readResponse().catch(() => undefined);
        raw.destroy();
        const candidates = [
          'x'.repeat(10 * 1024),
          'abc" injected="1',
          'abc%0d%0aInjected:%201',
          'a\tb',
        ];
        const outcomes: string[] = [];
        const replaced: string[] = [];
        for (const value of candidates) {
          const r = await attempt(main.app.port, '/__conformance/items/28', {
            headers: { 'x-request-id': value },
          });
          const returned = String(r.response?.headers['x-request-id'] ?? '');
          if (r.response === undefined) outcomes.push(`no response (${r.error})`);
          else if (r.response.status >= 400 && r.response.status < 500) outcomes.push('rejected');
          else if (returned !== value && /^[A-Za-z0-9._-]{1,64}$/.test(returned)) {
            outcomes.push('replaced');
            replaced.push(returned);
          } else outcomes.push(`kept ${JSON.stringify(returned.slice(0, 30))}`);
        }
        await sleep(300);
        const output = allOutput(main.app);
        const linesCarryId = replaced.every(
          (id) => jsonLines(main.app.logs).filter((r) => r.request_id === id).length > 0,
        );
        ctx.figure(
          `split header → ${split?.status ?? 'closed'} id ${String(split?.headers['x-request-id'])}; ${outcomes.join(', ')}`,
        );
        expect({
          notReplacedOrRejected: outcomes.filter((o) => o !== 'replaced' && o !== 'rejected'),
          injectedValueLogged:
            output.includes('injected="1') || output.includes('x'.repeat(10 * 1024)),
          linesCarryId,
        }).toEqual({ notReplacedOrRejected: [], injectedValueLogged: false, linesCarryId: true });
      },
    );

    checks.must(
      'S29',
      'missing or invalid required config: non-zero exit within 2 s naming the variable, no secret',
      async (ctx) => {
        const outcomes = [
          ['DATABASE_URL', await runFailFast(stack(), { DATABASE_URL: undefined }, 'DATABASE_URL')],
          ['PORT', await runFailFast(stack(), { PORT: 'abc' }, 'PORT')],
        ] as const;
        ctx.figure(
          outcomes
            .map(
              ([name, o]) =>
                `${name}: exit ${o.exit?.code ?? 'none'} after ${o.exitMs === undefined ? '—' : `${(o.exitMs / 1000).toFixed(2)} s`}`,
            )
            .join('; '),
        );
        expect(
          outcomes.map(([name, o]) => ({
            name,
            nonZeroWithin2s:
              o.exit !== undefined && o.exit.code !== 0 && (o.exitMs ?? Infinity) <= 2000,
            named: o.namingLines.length > 0,
            secret: allOutput(o.app).includes('sentinel-db-9f3a'),
          })),
        ).toEqual(
          outcomes.map(([name]) => ({ name, nonZeroWithin2s: true, named: true, secret: false })),
        );
      },
    );
  },
);
