import { inBackground } from './harness/background.js';
import { problemViolations } from './harness/assertions.js';
import { DB_PASSWORD_CANARY, STARTUP_BUDGET_MS } from './harness/contract.js';
import { runFailFast, type FailFastOutcome } from './harness/fail-fast.js';
import { attempt } from './harness/http-client.js';
import { allOutput, linesSince } from './harness/logs.js';
import { now, sleep } from './harness/ports.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { describeOutput, useStack, type Stack } from './harness/stack.js';

/** contract §2.1 Configuration and startup (C1-C8). */
describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: configuration and startup',
  (_id, target) => {
    const stack = useStack(target, 'startup');
    const checks = registerChecks(target.label, 'startup');

    /** C5: pg "stopped" (proxy cut) for 60 s, then started; the same process must become ready. */
    const depsNotFatal = async (s: Stack) => {
      const launched = await s.launch({ proxyMode: 'cut', waitFor: 'nothing' });
      const { app, proxy } = launched;
      const liveAfterMs = await app.waitForStatus('/livez', 200, 15_000);
      const readyWhileDown = await attempt(app.port, '/readyz');
      const downUntil = app.startedAt + 60_000;
      let readyDuringOutage = 0;
      while (now() < downUntil && app.exitInfo() === undefined) {
        const probe = await attempt(app.port, '/readyz', { timeoutMs: 3000 });
        if (probe.response?.status === 200) readyDuringOutage += 1;
        await sleep(1000);
      }
      const aliveAfter60s = app.exitInfo() === undefined;
      proxy.setMode('pass');
      const startedPg = now();
      const ready = await app.waitForStatus('/readyz', 200, 15_000);
      const readyMs = ready === undefined ? undefined : now() - startedPg;
      const result = {
        liveAfterMs,
        readyWhileDown,
        readyDuringOutage,
        aliveAfter60s,
        readyMs,
        sameProcess: app.exitInfo() === undefined,
        output: describeOutput(app),
      };
      await launched.stop();
      return result;
    };

    /** C6: an unreachable collector for one minute of traffic. */
    const telemetryNotFatal = async (s: Stack) => {
      const launched = await s.launch({ otlpEndpoint: 'http://127.0.0.1:1', waitFor: 'nothing' });
      const { app } = launched;
      const readyMs = await app.waitForStatus('/readyz', 200, 20_000);
      const windowStart = now();
      const statuses: number[] = [];
      while (now() - windowStart < 60_000 && app.exitInfo() === undefined) {
        for (const path of ['/__conformance/sleep?ms=1', '/__conformance/items/6']) {
          const result = await attempt(app.port, path);
          statuses.push(result.response?.status ?? 0);
        }
        await sleep(500);
      }
      const exportComplaints = [
        ...linesSince(app, windowStart).map((l) => l.raw),
        ...app.stderr().split('\n'),
      ].filter((line) => /export|otlp|collector|ECONNREFUSED/i.test(line)).length;
      await launched.stop();
      return { readyMs, statuses, exportComplaints, windowMs: now() - windowStart };
    };

    let c5: ReturnType<typeof depsNotFatal>;
    let c6: ReturnType<typeof telemetryNotFatal>;
    beforeAll(() => {
      c5 = inBackground(() => depsNotFatal(stack()));
      c6 = inBackground(() => telemetryNotFatal(stack()));
    });

    const expectFailFast = (outcome: FailFastOutcome, figure: (t: string) => void) => {
      figure(
        `exit ${outcome.exit?.code ?? 'none'} after ${outcome.exitMs === undefined ? '>15 s' : `${(outcome.exitMs / 1000).toFixed(2)} s`}`,
      );
      expect({
        exitCode: outcome.exit?.code,
        withinBudget: outcome.exitMs !== undefined && outcome.exitMs <= 15_000,
        portAccepted: outcome.accepted,
        errorLineNamesVariable: outcome.namingLines.length > 0,
      }).toEqual({
        exitCode: 1,
        withinBudget: true,
        portAccepted: false,
        errorLineNamesVariable: true,
      });
    };

    checks.must('C1', 'fixtures off by default', async (ctx) => {
      const launched = await stack().launch({ env: { CONFORMANCE_FIXTURES: undefined } });
      const probes = [
        ['GET', '/__conformance/sleep?ms=1'],
        ['GET', '/__conformance/items/1'],
        ['GET', '/__conformance/error'],
        ['GET', '/__conformance/db?sleep_ms=1'],
        ['POST', '/__conformance/echo'],
      ] as const;
      const problems: string[] = [];
      for (const [method, path] of probes) {
        const response = await launched.http(path, {
          method,
          headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
          body: method === 'POST' ? '{}' : undefined,
        });
        if (response.status !== 404) problems.push(`${method} ${path} → ${response.status}`);
        else problems.push(...problemViolations(response).map((p) => `${path}: ${p}`));
      }
      ctx.figure(`${probes.length} fixture paths → 404`);
      await launched.stop();
      expect(problems).toEqual([]);
    });

    checks.must('C2', 'missing DATABASE_URL fails fast', async (ctx) => {
      const outcome = await runFailFast(stack(), { DATABASE_URL: undefined }, 'DATABASE_URL');
      expectFailFast(outcome, ctx.figure);
    });

    const invalid: [string, string][] = [
      ['PORT', 'abc'],
      ['LOG_LEVEL', 'verbose'],
      ['BODY_LIMIT_BYTES', '-1'],
      ['SHUTDOWN_TIMEOUT_MS', 'x'],
    ];
    for (const [variable, value] of invalid) {
      checks.must('C3', `invalid ${variable}=${value} fails fast`, async (ctx) => {
        const outcome = await runFailFast(stack(), { [variable]: value }, variable);
        expectFailFast(outcome, ctx.figure);
      });
    }

    checks.must('C4', 'no secrets in config errors', async (ctx) => {
      const outcome = await runFailFast(
        stack(),
        { DATABASE_URL: `postgres://app:${DB_PASSWORD_CANARY}@pg:5432/app`, LOG_LEVEL: 'verbose' },
        'LOG_LEVEL',
      );
      const output = allOutput(outcome.app);
      ctx.figure(
        `${outcome.app.logs.length} stdout lines scanned, exit ${outcome.exit?.code ?? 'none'}`,
      );
      expect(output.includes(DB_PASSWORD_CANARY)).toBe(false);
    });

    checks.must(
      'C5',
      'dependencies are not fatal at boot',
      async (ctx) => {
        const r = await c5;
        ctx.figure(
          `livez ${r.liveAfterMs === undefined ? 'never' : `${Math.round(r.liveAfterMs)} ms`}; up ≥60 s: ${r.aliveAfter60s}; ready ${r.readyMs === undefined ? 'never' : `${Math.round(r.readyMs)} ms`} after pg start`,
        );
        expect({
          liveWithin15s: r.liveAfterMs !== undefined,
          readyzWhileDown: r.readyWhileDown.response?.status,
          readyDuringOutage: r.readyDuringOutage,
          aliveAfter60s: r.aliveAfter60s,
          readyWithin15sOfPg: r.readyMs !== undefined,
          sameProcess: r.sameProcess,
        }).toEqual({
          liveWithin15s: true,
          readyzWhileDown: 503,
          readyDuringOutage: 0,
          aliveAfter60s: true,
          readyWithin15sOfPg: true,
          sameProcess: true,
        });
      },
      150_000,
    );

    checks.must(
      'C6',
      'telemetry is not fatal',
      async (ctx) => {
        const r = await c6;
        const perMinute = (r.exportComplaints * 60_000) / r.windowMs;
        ctx.figure(
          `ready ${r.readyMs === undefined ? 'never' : `${Math.round(r.readyMs)} ms`}; ${r.statuses.length} fixture calls; ${r.exportComplaints} export-failure lines in ${(r.windowMs / 1000).toFixed(0)} s`,
        );
        expect({
          readyWithin20s: r.readyMs !== undefined,
          non200: r.statuses.filter((s) => s !== 200).length,
          atMost10ExportLinesPerMinute: perMinute <= 10,
        }).toEqual({ readyWithin20s: true, non200: 0, atMost10ExportLinesPerMinute: true });
      },
      150_000,
    );

    checks.must('C7', 'OTEL_SDK_DISABLED=true: HTTP works, nothing exported', async (ctx) => {
      const launched = await stack().launch({ env: { OTEL_SDK_DISABLED: 'true' } });
      // Control: the same traffic without the kill switch is exported, so "zero" below means something.
      const control = await stack().launch();
      await control.http('/__conformance/items/7');
      const statuses: Record<string, number> = {};
      for (const path of [
        '/livez',
        '/readyz',
        '/__conformance/items/7',
        '/__conformance/db?sleep_ms=1',
        '/__conformance/sleep?ms=1',
        '/__conformance/error',
      ]) {
        const result = await attempt(launched.app.port, path);
        statuses[path] = result.response?.status ?? -1;
      }
      // /metrics is not an HTTP check: with the SDK off there may be no exporter at all.
      const metrics = await attempt(launched.app.metricsPort, '/metrics');
      await sleep(2000);
      const exported = launched.receiver.requests.length;
      const controlExported = control.receiver.spans.length;
      ctx.figure(
        `${exported} export requests received (control without the switch: ${controlExported} spans); /metrics ${metrics.response?.status ?? metrics.error}`,
      );
      await launched.stop();
      await control.stop();
      expect({ statuses, exported, controlExported: controlExported > 0 }).toEqual({
        statuses: {
          '/livez': 200,
          '/readyz': 200,
          '/__conformance/items/7': 200,
          '/__conformance/db?sleep_ms=1': 200,
          '/__conformance/sleep?ms=1': 200,
          '/__conformance/error': 500,
        },
        exported: 0,
        controlExported: true,
      });
    });

    checks.should(
      'C8',
      'startup time budget (/livez 200 within 10 s, 30 s for a JVM)',
      async (ctx) => {
        const budgetMs = STARTUP_BUDGET_MS[target.ecosystem] ?? 10_000;
        const { app, stop } = await stack().launch({ waitFor: 'nothing' });
        const liveMs = await app.waitForStatus('/livez', 200, budgetMs);
        ctx.figure(
          liveMs === undefined
            ? `livez not 200 within ${budgetMs / 1000} s`
            : `livez 200 after ${Math.round(liveMs)} ms`,
        );
        await stop();
        expect(liveMs).toBeDefined();
      },
    );
  },
);
