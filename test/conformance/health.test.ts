import { leakedInternals } from './harness/assertions.js';
import { inBackground } from './harness/background.js';
import { PROBE_PATHS } from './harness/contract.js';
import {
  attempt,
  mediaType,
  parseJson,
  percentile,
  type HttpResponse,
} from './harness/http-client.js';
import { accessLines, linesSince } from './harness/logs.js';
import { now, sleep } from './harness/ports.js';
import { RawConnection } from './harness/raw-http.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched, type Stack } from './harness/stack.js';
import type { ProxyMode } from './harness/tcp-proxy.js';
import type { ReceivedSpan } from './harness/otlp-receiver.js';

/** contract §2.2 Health (C9-C15, C40). */
const CHECK_KEY = /^[a-z0-9._-]+:[A-Za-z0-9._-]+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function healthBodyProblems(response: HttpResponse, expectedStatus: 'pass' | 'fail'): string[] {
  const problems: string[] = [];
  if (mediaType(response.headers) !== 'application/health+json')
    problems.push(`Content-Type ${response.headers['content-type']}`);
  if (!(response.headers['cache-control'] ?? '').includes('no-store'))
    problems.push(`Cache-Control ${response.headers['cache-control']}`);
  const body = parseJson(response.body) as Record<string, unknown> | undefined;
  if (body?.status !== expectedStatus) problems.push(`status ${JSON.stringify(body?.status)}`);
  return problems;
}

function checksProblems(body: Record<string, unknown>): string[] {
  const checks = body.checks;
  if (checks === null || typeof checks !== 'object') return ['no checks object'];
  const problems: string[] = [];
  const entries = Object.entries(checks as Record<string, unknown>);
  if (!entries.some(([key]) => key === 'postgres:connection'))
    problems.push('no postgres:connection key');
  for (const [key, value] of entries) {
    if (!CHECK_KEY.test(key)) problems.push(`key ${key}`);
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`${key} is not a non-empty array`);
      continue;
    }
    for (const item of value as Record<string, unknown>[]) {
      if (!['pass', 'warn', 'fail'].includes(String(item?.status)))
        problems.push(`${key} status ${JSON.stringify(item?.status)}`);
      if (
        typeof item?.time !== 'string' ||
        !RFC3339.test(item.time) ||
        Number.isNaN(Date.parse(item.time))
      ) {
        problems.push(`${key} time ${JSON.stringify(item?.time)}`);
      }
    }
  }
  return problems;
}

/** C12: readiness while pg is away (cut = stopped, black-hole = frozen), then back. */
async function readinessFlip(stack: Stack, mode: ProxyMode) {
  const launched = await stack.launch();
  const { app, proxy } = launched;
  const pausedAt = now();
  proxy.setMode(mode);
  const samples: { status: number; elapsed: number; at: number; body: string }[] = [];
  while (now() - pausedAt < 6000) {
    const result = await attempt(app.port, '/readyz', { timeoutMs: 5000 });
    samples.push({
      status: result.response?.status ?? 0,
      elapsed: result.response?.elapsedMs ?? 5000,
      at: (result.response?.endedAt ?? now()) - pausedAt,
      body: result.response?.body ?? '',
    });
    await sleep(100);
  }
  const failing = samples.find((s) => s.status === 503);
  proxy.setMode('pass');
  const unpausedAt = now();
  const backMs = await app
    .waitForStatus('/readyz', 200, 10_000)
    .then((r) => (r === undefined ? undefined : now() - unpausedAt));
  const result = { samples, failing, backMs, sameProcess: app.exitInfo() === undefined };
  await launched.stop();
  return result;
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: health',
  (_id, target) => {
    const stack = useStack(target, 'health');
    const checks = registerChecks(target.label, 'health');
    let healthy: Launched;

    /** C10: liveness sampled for 60 s while pg is frozen. */
    const livenessIgnoresDeps = async (s: Stack) => {
      const launched = await s.launch();
      launched.proxy.setMode('black-hole');
      const start = now();
      const results: { status: number; elapsed: number }[] = [];
      while (now() - start < 60_000) {
        const result = await attempt(launched.app.port, '/livez', { timeoutMs: 2000 });
        results.push({
          status: result.response?.status ?? 0,
          elapsed: result.response?.elapsedMs ?? 2000,
        });
        await sleep(250);
      }
      await launched.stop();
      return results;
    };
    let c10: ReturnType<typeof livenessIgnoresDeps>;

    beforeAll(async () => {
      c10 = inBackground(() => livenessIgnoresDeps(stack()));
      healthy = await stack().launch();
    }, 60_000);

    checks.must('C9', 'liveness', async (ctx) => {
      const first = await healthy.http('/livez');
      const latencies: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < 100; i += 1) {
        const response = await healthy.http('/livez');
        latencies.push(response.elapsedMs);
        statuses.add(response.status);
      }
      const p99 = percentile(latencies, 99);
      ctx.figure(`p99 ${p99.toFixed(1)} ms over 100 calls`);
      expect({
        status: first.status,
        problems: healthBodyProblems(first, 'pass'),
        statuses: [...statuses],
        p99Under100: p99 < 100,
      }).toEqual({
        status: 200,
        problems: [],
        statuses: [200],
        p99Under100: true,
      });
    });

    checks.must(
      'C10',
      'liveness ignores dependencies (60 s with pg frozen)',
      async (ctx) => {
        const results = await c10;
        const slow = results.filter((r) => r.elapsed >= 100);
        const not200 = results.filter((r) => r.status !== 200);
        ctx.figure(
          `${results.length} calls in 60 s, max ${Math.max(...results.map((r) => r.elapsed)).toFixed(1)} ms`,
        );
        expect({ not200: not200.length, slowCalls: slow.length }).toEqual({
          not200: 0,
          slowCalls: 0,
        });
      },
      120_000,
    );

    checks.must('C11', 'readiness, healthy', async (ctx) => {
      const response = await healthy.http('/readyz');
      const body = (parseJson(response.body) ?? {}) as Record<string, unknown>;
      ctx.figure(`checks: ${Object.keys((body.checks as object | undefined) ?? {}).join(', ')}`);
      expect({
        status: response.status,
        problems: [...healthBodyProblems(response, 'pass'), ...checksProblems(body)],
      }).toEqual({
        status: 200,
        problems: [],
      });
    });

    const flips: Partial<Record<ProxyMode, Awaited<ReturnType<typeof readinessFlip>>>> = {};
    for (const mode of ['cut', 'black-hole'] as const) {
      checks.must(
        'C12',
        `readiness reflects dependencies, bounded (pg ${mode === 'cut' ? 'stopped' : 'frozen'})`,
        async (ctx) => {
          const r = await readinessFlip(stack(), mode);
          flips[mode] = r;
          const failingBody = (parseJson(r.failing?.body ?? '') ?? {}) as Record<string, unknown>;
          const pgCheck = ((
            failingBody.checks as Record<string, { status?: string }[]> | undefined
          )?.['postgres:connection'] ?? [])[0];
          const maxElapsed = Math.max(...r.samples.map((s) => s.elapsed));
          ctx.figure(
            `503 after ${r.failing === undefined ? 'never' : `${Math.round(r.failing.at)} ms`}; slowest readyz ${Math.round(maxElapsed)} ms; back to 200 in ${r.backMs === undefined ? 'never' : `${Math.round(r.backMs)} ms`}`,
          );
          expect({
            readyz503: r.failing !== undefined,
            bodyStatus: failingBody.status,
            pgCheckStatus: pgCheck?.status,
            allWithin2s: maxElapsed <= 2000,
            backWithin10s: r.backMs !== undefined,
            sameProcess: r.sameProcess,
          }).toEqual({
            readyz503: true,
            bodyStatus: 'fail',
            pgCheckStatus: 'fail',
            allWithin2s: true,
            backWithin10s: true,
            sameProcess: true,
          });
        },
        60_000,
      );
    }

    checks.must('C13', 'health bodies leak nothing', async (ctx) => {
      const bodies = [(await healthy.http('/livez')).body, (await healthy.http('/readyz')).body];
      for (const flip of Object.values(flips))
        bodies.push(...(flip?.samples.map((s) => s.body) ?? []));
      const failing = bodies.filter((b) => b.includes('"fail"')).length;
      const dbHints = {
        'DB host': /127\.0\.0\.1|localhost|\bpg:\d/,
        'DB user': /\bapp\b/,
        'DB password': /sentinel-db-9f3a/,
      };
      const problems = [...new Set(bodies.flatMap((body) => leakedInternals(body, dbHints)))];
      ctx.figure(`${bodies.length} bodies scanned (${failing} failing)`);
      expect({ sawFailingBodies: failing > 0, problems }).toEqual({
        sawFailingBodies: true,
        problems: [],
      });
    });

    checks.should('C14', 'HEAD support', async (ctx) => {
      const problems: string[] = [];
      for (const path of PROBE_PATHS) {
        const get = await healthy.http(path);
        const connection = await RawConnection.open(healthy.app.port);
        await connection.write(
          `HEAD ${path} HTTP/1.1\r\nHost: conformance\r\nConnection: close\r\n\r\n`,
        );
        const head = await connection.readResponse(5000, true);
        await connection.waitClosed(1000);
        if (head.status !== get.status)
          problems.push(`HEAD ${path} → ${head.status}, GET → ${get.status}`);
        if (connection.pending().length > 0)
          problems.push(`HEAD ${path} sent ${connection.pending().length} body bytes`);
        connection.destroy();
      }
      ctx.figure(problems.length === 0 ? 'HEAD = GET status, empty body' : problems.join('; '));
      expect(problems).toEqual([]);
    });

    let probeSpans: ReceivedSpan[] | undefined;
    checks.must('C15', 'probes are quiet and exempt (RATE_LIMIT_RPM=10)', async (ctx) => {
      const launched = await stack().launch({ env: { RATE_LIMIT_RPM: '10' } });
      const since = now();
      const statuses: number[] = [];
      for (let i = 0; i < 50; i += 1) {
        for (const path of PROBE_PATHS) statuses.push((await launched.http(path)).status);
        statuses.push((await launched.metrics()).status);
      }
      // Control: a business request on the same instance is traced and logged.
      await launched.http('/__conformance/items/15');
      await sleep(1500);
      const controlTraced = launched.receiver.spans.some(
        (span) => span.attributes['url.path'] === '/__conformance/items/15',
      );
      const probeAccessLines = accessLines(linesSince(launched.app, since)).filter((record) =>
        /^\/(livez|readyz|metrics)/.test(String(record['url.path'] ?? '')),
      );
      probeSpans = launched.receiver.spans.filter((span) =>
        /livez|readyz|metrics/.test(`${span.name} ${String(span.attributes['url.path'] ?? '')}`),
      );
      const refused = statuses.filter((s) => [401, 403, 429, 503].includes(s));
      ctx.figure(
        `150 probe calls: ${refused.length} refused, ${probeAccessLines.length} access lines, ${probeSpans.length} spans`,
      );
      await launched.stop();
      expect({
        accessLinesAtInfo: probeAccessLines.filter((r) => r.level === 'info').length,
        spans: probeSpans.length,
        refused,
        non200: statuses.filter((s) => s !== 200).length,
        controlTraced,
      }).toEqual({ accessLinesAtInfo: 0, spans: 0, refused: [], non200: 0, controlTraced: true });
    });

    checks.must('C40', 'probes not traced (see C15)', async (ctx) => {
      expect(probeSpans).toBeDefined();
      ctx.figure(`${probeSpans?.length} probe spans`);
      expect(probeSpans).toEqual([]);
    });
  },
);
