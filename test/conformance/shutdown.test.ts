import { problemViolations } from './harness/assertions.js';
import { SERVICE_NAME, SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } from './harness/contract.js';
import { attempt, parseJson, type Attempt } from './harness/http-client.js';
import { jsonLines, levelRank } from './harness/logs.js';
import { now, pollUntil, portAcceptsConnection, sleep } from './harness/ports.js';
import { appSessions } from './harness/postgres.js';
import { RawConnection } from './harness/raw-http.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched, type Stack } from './harness/stack.js';

/** contract §2.3 Graceful shutdown (C16-C22); baseline SHUTDOWN_DELAY_MS=2000, SHUTDOWN_TIMEOUT_MS=10000. */
const EXIT_BUDGET_MS = SHUTDOWN_DELAY_MS + 5000;
const WRAPPERS = new Set(['npm', 'npx', 'yarn', 'pnpm', 'sh', 'bash', 'dash', 'env', 'su', 'sudo']);

interface ProbeSample {
  at: number;
  status: number | undefined;
  error: string | undefined;
  bodyStatus: unknown;
}

const sample = (result: Attempt, signalAt: number): ProbeSample => ({
  at: (result.response?.endedAt ?? now()) - signalAt,
  status: result.response?.status,
  error: result.error,
  bodyStatus: (parseJson(result.response?.body ?? '') as Record<string, unknown> | undefined)
    ?.status,
});

/** C16 (and C22 with SIGINT): 50 slow requests in flight, a signal 500 ms later. */
async function drainUnderLoad(stack: Stack, signal: NodeJS.Signals) {
  const launched: Launched = await stack.launch();
  const { app, proxy, receiver } = launched;
  // Give the pool an open connection, so C19 has something to close.
  await launched.http('/__conformance/db?sleep_ms=1');
  const ownPorts = () => new Set(proxy.connections().map((c) => c.upstreamLocalPort));
  const sessionsBefore = (await appSessions(stack.pg)).filter((s) =>
    ownPorts().has(s.client_port ?? -1),
  ).length;
  const inFlight = Array.from({ length: 50 }, () =>
    attempt(app.port, '/__conformance/sleep?ms=3000', { timeoutMs: 20_000 }),
  );
  await sleep(500);
  const signalAt = app.signal(signal);
  const readyz: ProbeSample[] = [];
  const livez: ProbeSample[] = [];
  while (app.exitInfo() === undefined && now() - signalAt < 20_000) {
    const [ready, live] = await Promise.all([
      attempt(app.port, '/readyz', { timeoutMs: 1000 }),
      attempt(app.port, '/livez', { timeoutMs: 1000 }),
    ]);
    readyz.push(sample(ready, signalAt));
    livez.push(sample(live, signalAt));
    await sleep(100);
  }
  const exit = await Promise.race([app.exited, sleep(5000).then(() => undefined)]);
  const responses = await Promise.all(inFlight);
  const exitMs = exit === undefined ? undefined : exit.at - signalAt;
  const sessionsGoneMs =
    exit === undefined
      ? undefined
      : await pollUntil(
          async () => {
            const sessions = (await appSessions(stack.pg)).filter(
              (s) => s.application_name === SERVICE_NAME && ownPorts().has(s.client_port ?? -1),
            );
            return sessions.length === 0 ? now() - exit.at : undefined;
          },
          2000,
          50,
        );
  const spansAfterExit =
    exit === undefined
      ? []
      : await receiver.waitForSpans(
          (span) =>
            span.kind === 'SERVER' &&
            String(span.attributes['url.path'] ?? span.attributes['http.route'] ?? '').startsWith(
              '/__conformance/sleep',
            ),
          { min: 50, timeoutMs: Math.max(0, exit.at + 5000 - now()) },
        );
  await launched.stop();
  return {
    responses,
    readyz,
    livez,
    exit,
    exitMs,
    sessionsBefore,
    sessionsGoneMs,
    serverSpans: spansAfterExit.length,
    app,
  };
}

type Drain = Awaited<ReturnType<typeof drainUnderLoad>>;

function drainVerdict(r: Drain, exitCodes: readonly number[] = [0, 143]) {
  const ok = r.responses.filter((x) => x.response?.status === 200).length;
  const first503 = r.readyz.find((s) => s.status === 503);
  const firstLivezRefusal = r.livez.findIndex((s) => s.error !== undefined);
  const livezBeforeClose = firstLivezRefusal === -1 ? r.livez : r.livez.slice(0, firstLivezRefusal);
  return {
    figure: `drain ${ok}/50; readiness flip ${first503 === undefined ? 'never' : `${Math.round(first503.at)} ms`}; exit ${r.exit?.code ?? 'none'} after ${r.exitMs === undefined ? '—' : `${(r.exitMs / 1000).toFixed(2)} s`}`,
    observed: {
      completed200: ok,
      readyz503FailWithin1s:
        first503 !== undefined && first503.at <= 1000 && first503.bodyStatus === 'fail',
      livezNon200BeforeListenerClosed: livezBeforeClose
        .filter((s) => s.status !== 200)
        .map((s) => `${s.status} at ${Math.round(s.at)} ms`),
      exitCodeOk: r.exit !== undefined && exitCodes.includes(r.exit.code),
      exitWithin7s: r.exitMs !== undefined && r.exitMs <= EXIT_BUDGET_MS,
    },
    expected: {
      completed200: 50,
      readyz503FailWithin1s: true,
      livezNon200BeforeListenerClosed: [],
      exitCodeOk: true,
      exitWithin7s: true,
    },
  };
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: graceful shutdown',
  (_id, target) => {
    const stack = useStack(target, 'shutdown');
    const checks = registerChecks(target.label, 'shutdown');
    let c16: Drain | undefined;

    checks.must(
      'C16',
      'drain under load (50 in flight, SIGTERM)',
      async (ctx) => {
        c16 = await drainUnderLoad(stack(), 'SIGTERM');
        const verdict = drainVerdict(c16);
        ctx.figure(verdict.figure);
        expect(verdict.observed).toEqual(verdict.expected);
      },
      60_000,
    );

    checks.must('C19', 'pools closed within 2 s of exit (C16)', async (ctx) => {
      expect(c16?.exit).toBeDefined();
      ctx.figure(
        `${c16?.sessionsBefore ?? 0} session(s) before SIGTERM; ${c16?.sessionsGoneMs === undefined ? 'still open 2 s after exit' : `0 sessions ${Math.round(c16.sessionsGoneMs)} ms after exit`}`,
      );
      expect({
        hadSessions: (c16?.sessionsBefore ?? 0) > 0,
        closedWithin2s: c16?.sessionsGoneMs !== undefined,
      }).toEqual({ hadSessions: true, closedWithin2s: true });
    });

    checks.must('C20', 'telemetry flushed within 5 s of exit (C16)', async (ctx) => {
      ctx.figure(`${c16?.serverSpans ?? 0}/50 SERVER spans`);
      expect(c16?.serverSpans).toBeGreaterThanOrEqual(50);
    });

    checks.must(
      'C17',
      'keep serving during the delay',
      async (ctx) => {
        const launched = await stack().launch();
        const { app } = launched;
        const idle = await RawConnection.open(app.port);
        await idle.write('GET /livez HTTP/1.1\r\nHost: conformance\r\n\r\n');
        await idle.readResponse();
        const keepAlive = await RawConnection.open(app.port);
        await keepAlive.write('GET /livez HTTP/1.1\r\nHost: conformance\r\n\r\n');
        await keepAlive.readResponse();

        const signalAt = app.signal('SIGTERM');
        const duringDelay: ProbeSample[] = [];
        let keepAliveReply: { status: number; connection: string } | undefined;
        const reuse = (async () => {
          await sleep(500);
          await keepAlive.write(
            'GET /__conformance/sleep?ms=10 HTTP/1.1\r\nHost: conformance\r\n\r\n',
          );
          const response = await keepAlive.readResponse(5000).catch(() => undefined);
          if (response !== undefined)
            keepAliveReply = {
              status: response.status,
              connection: response.headers.connection ?? '',
            };
        })();
        while (now() - signalAt < 1500) {
          duringDelay.push(
            sample(
              await attempt(app.port, '/__conformance/sleep?ms=10', { timeoutMs: 2000 }),
              signalAt,
            ),
          );
          await sleep(100);
        }
        await reuse;
        const idleClosed = await idle.waitClosed(Math.max(0, signalAt + 6000 - now()));
        await sleep(Math.max(0, signalAt + 2500 - now()));
        const afterDelay = sample(
          await attempt(app.port, '/__conformance/sleep?ms=10', { timeoutMs: 2000 }),
          signalAt,
        );
        const lateResult = await attempt(app.port, '/__conformance/sleep?ms=10', {
          timeoutMs: 2000,
        });
        const lateProblems =
          lateResult.response === undefined ? [] : problemViolations(lateResult.response);
        const idleClosedMs = idleClosed === undefined ? undefined : idleClosed.at - signalAt;
        ctx.figure(
          `${duringDelay.filter((s) => s.status === 200).length}/${duringDelay.length} served in 0-1.5 s; after 2.5 s: ${afterDelay.status ?? afterDelay.error}; idle keep-alive closed at ${idleClosedMs === undefined ? 'never' : `${Math.round(idleClosedMs)} ms`}`,
        );
        ctx.should(
          'C17.close',
          'Connection: close on keep-alive responses after SIGTERM',
          keepAliveReply?.connection.toLowerCase() === 'close',
          `reply ${keepAliveReply?.status ?? 'none'} Connection: ${keepAliveReply?.connection ?? '—'}`,
        );
        idle.destroy();
        keepAlive.destroy();
        await launched.stop();
        const refusedOr503 = (s: ProbeSample) => s.error !== undefined || s.status === 503;
        expect({
          servedDuringDelay: duringDelay
            .filter((s) => s.status !== 200)
            .map((s) => `${s.status ?? s.error} at ${Math.round(s.at)} ms`),
          newConnectionAfterDelayRefusedOr503: refusedOr503(afterDelay),
          late503IsProblemJson: lateProblems,
          idleClosedBy3s: idleClosedMs !== undefined && idleClosedMs <= SHUTDOWN_DELAY_MS + 1000,
        }).toEqual({
          servedDuringDelay: [],
          newConnectionAfterDelayRefusedOr503: true,
          late503IsProblemJson: [],
          idleClosedBy3s: true,
        });
      },
      60_000,
    );

    checks.must(
      'C18',
      'bounded drain (one 60 s request)',
      async (ctx) => {
        const launched = await stack().launch();
        const { app } = launched;
        const stuck = attempt(app.port, '/__conformance/sleep?ms=60000', { timeoutMs: 70_000 });
        await sleep(300);
        const signalAt = app.signal('SIGTERM');
        const budget = SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS + 3000;
        const exit = await Promise.race([app.exited, sleep(budget + 2000).then(() => undefined)]);
        const exitMs = exit === undefined ? undefined : exit.at - signalAt;
        const forcedLine = jsonLines(app.logs).find((record) => {
          if (levelRank(record.level) < levelRank('warn')) return false;
          const text = JSON.stringify(record);
          const counts = Object.entries(record).some(
            ([key, value]) =>
              value === 1 && /abort|flight|pending|request|open|connection|active/i.test(key),
          );
          return /forc/i.test(text) && (counts || /\b1\b/.test(String(record.msg)));
        });
        ctx.figure(
          `exit ${exit?.code ?? 'none'} after ${exitMs === undefined ? '—' : `${(exitMs / 1000).toFixed(2)} s`}; forced-shutdown line: ${forcedLine === undefined ? 'missing' : JSON.stringify(forcedLine.msg)}`,
        );
        await launched.stop();
        await stuck;
        expect({
          goneWithin15s: exitMs !== undefined && exitMs <= budget,
          forcedShutdownLineWithCount: forcedLine !== undefined,
        }).toEqual({
          goneWithin15s: true,
          forcedShutdownLineWithCount: true,
        });
      },
      60_000,
    );

    checks.must(
      'C21',
      'signal delivery: the start command is the process that gets SIGTERM',
      async (ctx) => {
        const launched = await stack().launch();
        const { app } = launched;
        const signalAt = app.signal('SIGTERM');
        const exit = await Promise.race([
          app.exited,
          sleep(EXIT_BUDGET_MS + 3000).then(() => undefined),
        ]);
        const exitMs = exit === undefined ? undefined : exit.at - signalAt;
        const portStillOpen = await portAcceptsConnection(app.port, 300);
        ctx.figure(
          `argv[0] ${app.argv[0]}; exit ${exit?.code ?? 'none'} after ${exitMs === undefined ? '—' : `${(exitMs / 1000).toFixed(2)} s`}`,
        );
        await launched.stop();
        expect({
          noWrapper: !WRAPPERS.has(String(app.argv[0])),
          exitWithin7s: exitMs !== undefined && exitMs <= EXIT_BUDGET_MS,
          portReleased: !portStillOpen,
        }).toEqual({ noWrapper: true, exitWithin7s: true, portReleased: true });
      },
      30_000,
    );

    checks.should(
      'C22',
      'SIGINT behaves like SIGTERM',
      async (ctx) => {
        const verdict = drainVerdict(await drainUnderLoad(stack(), 'SIGINT'), [0, 130, 143]);
        ctx.figure(verdict.figure);
        expect(verdict.observed).toEqual(verdict.expected);
      },
      60_000,
    );
  },
);
