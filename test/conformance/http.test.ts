import {
  leakedInternals,
  problemRequestId,
  problemViolations,
  securityHeaderViolations,
} from './harness/assertions.js';
import { inBackground } from './harness/background.js';
import { attempt, type HttpResponse } from './harness/http-client.js';
import { accessLines, jsonLines } from './harness/logs.js';
import { now, sleep } from './harness/ports.js';
import { BODY_LIMIT, jsonOfSize, oversizeTrickle } from './harness/body-limit.js';
import { RawConnection } from './harness/raw-http.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched, type Stack } from './harness/stack.js';

/** contract §2.7 HTTP production defaults (C49-C64). */
const HEADERS_TIMEOUT_MS = 10_000;

interface Observed {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  source: string;
}

const isDeltaSeconds = (value: unknown): boolean =>
  typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= 1;

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: HTTP production defaults',
  (_id, target) => {
    const stack = useStack(target, 'http');
    const checks = registerChecks(target.label, 'http');
    const observed: Observed[] = [];
    const observe = <
      R extends {
        status: number;
        headers: Record<string, string | string[] | undefined>;
        body: string | Buffer;
      },
    >(
      response: R,
      source: string,
    ): R => {
      observed.push({
        status: response.status,
        headers: response.headers,
        body: response.body.toString(),
        source,
      });
      return response;
    };
    let main: Launched;

    /** C54: headers trickled one byte every 2 s. */
    const slowloris = async (s: () => Launched) => {
      const connection = await RawConnection.open(s().app.port);
      const openedAt = now();
      await connection.write('GET /livez HTTP/1.1\r\nHost: x\r\n');
      const header = 'X-Slow: ' + 'a'.repeat(20);
      for (
        let i = 0;
        !connection.isClosed && now() - openedAt < HEADERS_TIMEOUT_MS + 4000;
        i += 1
      ) {
        await Promise.race([sleep(2000), connection.closed]);
        if (!connection.isClosed) await connection.write(header[i % header.length]!);
      }
      const closed = await connection.waitClosed(0);
      connection.destroy();
      return {
        closedMs: closed === undefined ? undefined : closed.at - openedAt,
        pending: connection.pending().toString('latin1').split('\r\n')[0],
      };
    };

    /** C55 (idle 15 s) and C56's default part (idle 61 s, then reused: also reliability S06). */
    const idleThenReuse = async (s: () => Launched, idleMs: number) => {
      const connection = await RawConnection.open(s().app.port);
      await connection.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      await connection.readResponse();
      const closed = await connection.waitClosed(idleMs);
      let status: number | string = 'closed while idle';
      if (closed === undefined) {
        await connection.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
        status = await connection.readResponse(5000).then(
          (r) => r.status,
          (e: Error) => e.message,
        );
      }
      connection.destroy();
      return { closedWhileIdle: closed !== undefined, status };
    };

    /** C56 with KEEP_ALIVE_TIMEOUT_MS=3000: when does the server close an idle connection? */
    const shortKeepAlive = async (s: Stack) => {
      const launched = await s.launch({ env: { KEEP_ALIVE_TIMEOUT_MS: '3000' } });
      const connection = await RawConnection.open(launched.app.port);
      await connection.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      const response = await connection.readResponse();
      const closed = await connection.waitClosed(8000);
      connection.destroy();
      await launched.stop();
      return { closedAfterMs: closed === undefined ? undefined : closed.at - response.receivedAt };
    };

    let c54: ReturnType<typeof slowloris>;
    let c55: ReturnType<typeof idleThenReuse>;
    let c56Default: ReturnType<typeof idleThenReuse>;
    let c56Short: ReturnType<typeof shortKeepAlive>;

    beforeAll(async () => {
      main = await stack().launch();
      c54 = inBackground(() => slowloris(() => main));
      c55 = inBackground(() => idleThenReuse(() => main, 15_000));
      c56Default = inBackground(() => idleThenReuse(() => main, 61_000));
      c56Short = inBackground(() => shortKeepAlive(stack()));
    }, 60_000);

    checks.must('C50', 'HSTS only over HTTPS (TRUST_PROXY_HOPS=1)', async (ctx) => {
      const launched = await stack().launch({ env: { TRUST_PROXY_HOPS: '1' } });
      const https = observe(
        await launched.http('/__conformance/items/50', {
          headers: { 'x-forwarded-proto': 'https' },
        }),
        'hsts',
      );
      const plain = observe(await launched.http('/__conformance/items/50'), 'hsts');
      const mainPlain = observe(await main.http('/__conformance/items/50'), 'main');
      await launched.stop();
      ctx.figure(
        `HSTS over https: ${String(https.headers['strict-transport-security'] ?? 'none')}`,
      );
      expect({
        https: https.headers['strict-transport-security'],
        plain: plain.headers['strict-transport-security'],
        mainPlain: mainPlain.headers['strict-transport-security'],
      }).toEqual({
        https: 'max-age=31536000; includeSubDomains',
        plain: undefined,
        mainPlain: undefined,
      });
    });

    checks.must(
      'C51',
      'body limit (Content-Length and chunked), 413 before the body ends',
      async (ctx) => {
        const exact = observe(
          await main.http('/__conformance/echo', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: jsonOfSize(BODY_LIMIT),
          }),
          'main',
        );
        const withLength = await oversizeTrickle(main.app.port, false);
        const withChunks = await oversizeTrickle(main.app.port, true);
        for (const r of [withLength, withChunks])
          if (r.response) observe({ ...r.response, body: r.response.body.toString() }, 'main');
        const verdict = (r: typeof withLength) => ({
          status: r.response?.status,
          problems: r.response ? problemViolations(r.response) : ['no response'],
          within1s: r.afterMs !== undefined && r.afterMs <= 1000,
        });
        ctx.figure(
          `exact ${exact.status}; +1 byte: ${withLength.response?.status ?? 'none'} after ${Math.round(withLength.afterMs ?? -1)} ms; chunked: ${withChunks.response?.status ?? 'none'} after ${Math.round(withChunks.afterMs ?? -1)} ms`,
        );
        expect({
          exact: exact.status,
          exactBody: exact.body,
          length: verdict(withLength),
          chunked: verdict(withChunks),
        }).toEqual({
          exact: 200,
          exactBody: JSON.stringify({ bytes: BODY_LIMIT }),
          length: { status: 413, problems: [], within1s: true },
          chunked: { status: 413, problems: [], within1s: true },
        });
      },
    );

    checks.must('C52', 'content type 415, malformed JSON 400', async (ctx) => {
      const text = observe(
        await main.http('/__conformance/echo', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hello',
        }),
        'main',
      );
      const malformed = observe(
        await main.http('/__conformance/echo', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"a":',
        }),
        'main',
      );
      ctx.figure(`text/plain → ${text.status}; malformed → ${malformed.status}`);
      expect({
        text: [text.status, problemViolations(text)],
        malformed: [malformed.status, problemViolations(malformed)],
      }).toEqual({
        text: [415, []],
        malformed: [400, []],
      });
    });

    checks.must('C53', 'header size: 32 KiB header refused, server keeps serving', async (ctx) => {
      const big = await attempt(main.app.port, '/livez', {
        headers: { 'x-big': 'a'.repeat(32 * 1024) },
      });
      const after = await main.http('/livez');
      ctx.figure(`32 KiB header → ${big.response?.status ?? big.error}`);
      expect({
        refused: [431, 400].includes(big.response?.status ?? 0),
        after: after.status,
      }).toEqual({ refused: true, after: 200 });
    });

    checks.must(
      'C54',
      'slowloris closed within HEADERS_TIMEOUT_MS + 2 s',
      async (ctx) => {
        const r = await c54;
        ctx.figure(
          r.closedMs === undefined
            ? 'still open after 14 s'
            : `closed after ${(r.closedMs / 1000).toFixed(1)} s${r.pending ? ` (${r.pending})` : ''}`,
        );
        expect(r.closedMs !== undefined && r.closedMs <= HEADERS_TIMEOUT_MS + 2000).toBe(true);
      },
      60_000,
    );

    checks.must(
      'C55',
      'keep-alive idle 15 s is not killed by the headers timeout',
      async (ctx) => {
        const r = await c55;
        ctx.figure(`after 15 s idle: ${r.status}`);
        expect(r).toEqual({ closedWhileIdle: false, status: 200 });
      },
      60_000,
    );

    checks.must(
      'C56',
      'keep-alive idle close (3000 ms setting; default ≥ 60 s)',
      async (ctx) => {
        const short = await c56Short;
        const long = await c56Default;
        ctx.figure(
          `KEEP_ALIVE_TIMEOUT_MS=3000 closed after ${short.closedAfterMs === undefined ? 'never' : `${(short.closedAfterMs / 1000).toFixed(2)} s`}; default: open after 61 s, reuse → ${long.status}`,
        );
        expect({
          shortWindow:
            short.closedAfterMs !== undefined &&
            short.closedAfterMs >= 2500 &&
            short.closedAfterMs <= 4500,
          defaultOpen61s: !long.closedWhileIdle,
          defaultReuse: long.status,
        }).toEqual({ shortWindow: true, defaultOpen61s: true, defaultReuse: 200 });
      },
      120_000,
    );

    checks.must(
      'C57',
      'handler deadline (REQUEST_TIMEOUT_MS=1000)',
      async (ctx) => {
        const launched = await stack().launch({ env: { REQUEST_TIMEOUT_MS: '1000' } });
        const response = observe(
          await launched.http('/__conformance/sleep?ms=5000', {
            headers: { 'x-request-id': 'c57-deadline' },
          }),
          'deadline',
        );
        const line = await launched.app.waitForLog(
          (l) =>
            l.json?.request_id === 'c57-deadline' &&
            l.json['http.response.status_code'] !== undefined,
          6000,
        );
        const [span] = await launched.receiver.waitForSpans(
          (s) => s.kind === 'SERVER' && s.attributes['url.path'] === '/__conformance/sleep',
          { timeoutMs: 8000 },
        );
        ctx.figure(`${response.status} after ${Math.round(response.elapsedMs)} ms`);
        await launched.stop();
        expect({
          status: [503, 504].includes(response.status),
          within1500ms: response.elapsedMs <= 1500,
          problems: problemViolations(response),
          accessStatus: line?.json?.['http.response.status_code'],
          spanStatus: span?.status.code,
        }).toEqual({
          status: true,
          within1500ms: true,
          problems: [],
          accessStatus: response.status,
          spanStatus: 'ERROR',
        });
      },
      60_000,
    );

    checks.must(
      'C60',
      'load shedding (MAX_CONCURRENT_REQUESTS=5)',
      async (ctx) => {
        const launched = await stack().launch({ env: { MAX_CONCURRENT_REQUESTS: '5' } });
        const probes: { path: string; status: number | string }[] = [];
        let done = false;
        const polling = (async () => {
          while (!done) {
            for (const path of ['/livez', '/readyz']) {
              const r = await attempt(launched.app.port, path, { timeoutMs: 2000 });
              probes.push({ path, status: r.response?.status ?? r.error ?? 'none' });
            }
            await sleep(100);
          }
        })();
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            attempt(launched.app.port, '/__conformance/sleep?ms=2000', { timeoutMs: 10_000 }),
          ),
        );
        done = true;
        await polling;
        await launched.stop();
        const responses = results.flatMap((r) => (r.response ? [r.response] : []));
        responses.forEach((r) => observe(r, 'shedding'));
        const ok = responses.filter((r) => r.status === 200);
        const shed = responses.filter((r) => r.status !== 200);
        const badShed = shed.filter(
          (r) =>
            r.status !== 503 ||
            !isDeltaSeconds(r.headers['retry-after']) ||
            problemViolations(r).length > 0 ||
            r.elapsedMs > 500,
        );
        const livezBad = probes.filter((p) => p.path === '/livez' && p.status !== 200);
        const readyzBad = probes.filter((p) => p.path === '/readyz' && p.status !== 200);
        ctx.should(
          'C60.readyz',
          '/readyz does not fail from overload alone',
          readyzBad.length === 0,
          `${readyzBad.length} non-200 readyz`,
        );
        ctx.figure(
          `${ok.length} × 200, ${shed.length} shed (slowest ${Math.round(Math.max(0, ...shed.map((r) => r.elapsedMs)))} ms); livez non-200: ${livezBad.length}`,
        );
        expect({
          networkErrors: results.filter((r) => r.error).map((r) => r.error),
          atLeast5Ok: ok.length >= 5,
          badShed: badShed.map(
            (r) =>
              `${r.status} retry-after=${String(r.headers['retry-after'])} ${Math.round(r.elapsedMs)} ms ${problemViolations(r).join(',')}`,
          ),
          livezBad,
        }).toEqual({ networkErrors: [], atLeast5Ok: true, badShed: [], livezBad: [] });
      },
      60_000,
    );

    checks.must(
      'C61',
      'rate limit (RATE_LIMIT_RPM=60; default off)',
      async (ctx) => {
        const launched = await stack().launch({ env: { RATE_LIMIT_RPM: '60' } });
        const statuses: number[] = [];
        let last: HttpResponse | undefined;
        for (let i = 0; i < 61; i += 1) {
          last = await launched.http('/__conformance/items/61');
          statuses.push(last.status);
        }
        await launched.stop();
        observe(last!, 'rate-limit');
        const defaults: number[] = [];
        for (let i = 0; i < 200; i += 1)
          defaults.push((await main.http('/__conformance/items/61')).status);
        const h = last!.headers;
        const draftHeaders =
          (h['ratelimit-policy'] !== undefined && h.ratelimit !== undefined) ||
          h['ratelimit-limit'] !== undefined ||
          h['x-ratelimit-limit'] !== undefined;
        ctx.should(
          'C61.headers',
          'RateLimit-Policy/RateLimit or X-RateLimit-* headers',
          draftHeaders,
          Object.keys(h)
            .filter((k) => k.includes('ratelimit'))
            .join(', ') || 'none',
        );
        ctx.figure(
          `first 60: ${statuses.slice(0, 60).filter((s) => s === 429).length} × 429; 61st: ${last!.status} Retry-After ${String(h['retry-after'])}; default: ${defaults.filter((s) => s === 429).length}/200 × 429`,
        );
        expect({
          first60Not429: statuses.slice(0, 60).every((s) => s !== 429),
          sixtyFirst: last!.status,
          problems: problemViolations(last!),
          retryAfter: isDeltaSeconds(h['retry-after']),
          default429s: defaults.filter((s) => s === 429).length,
        }).toEqual({
          first60Not429: true,
          sixtyFirst: 429,
          problems: [],
          retryAfter: true,
          default429s: 0,
        });
      },
      60_000,
    );

    checks.must('C62', 'CORS: off by default, exact origins when configured', async (ctx) => {
      const preflight = (origin: string) => ({
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      const defaultPreflight = await main.http(
        '/__conformance/echo',
        preflight('https://app.example.com'),
      );
      const defaultGet = observe(
        await main.http('/__conformance/items/62', {
          headers: { origin: 'https://app.example.com' },
        }),
        'main',
      );
      const launched = await stack().launch({
        env: { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
      });
      const allowed = await launched.http(
        '/__conformance/echo',
        preflight('https://app.example.com'),
      );
      const evil = await launched.http(
        '/__conformance/echo',
        preflight('https://evil.example.com'),
      );
      const evilGet = observe(
        await launched.http('/__conformance/items/62', {
          headers: { origin: 'https://evil.example.com' },
        }),
        'cors',
      );
      await launched.stop();
      const h = allowed.headers;
      const maxAge = Number(h['access-control-max-age']);
      ctx.figure(
        `preflight ${allowed.status}, max-age ${String(h['access-control-max-age'])}, methods ${String(h['access-control-allow-methods'])}`,
      );
      expect({
        defaultAcao: [
          defaultPreflight.headers['access-control-allow-origin'],
          defaultGet.headers['access-control-allow-origin'],
        ],
        status: allowed.status,
        acao: h['access-control-allow-origin'],
        varyOrigin: String(h.vary ?? '')
          .toLowerCase()
          .split(/\s*,\s*/)
          .includes('origin'),
        allowsPost: String(h['access-control-allow-methods'] ?? '')
          .toUpperCase()
          .split(/\s*,\s*/)
          .includes('POST'),
        maxAgeOk: Number.isFinite(maxAge) && maxAge <= 7200,
        evilAcao: [
          evil.headers['access-control-allow-origin'],
          evilGet.headers['access-control-allow-origin'],
        ],
      }).toEqual({
        defaultAcao: [undefined, undefined],
        status: 204,
        acao: 'https://app.example.com',
        varyOrigin: true,
        allowsPost: true,
        maxAgeOk: true,
        evilAcao: [undefined, undefined],
      });
    });

    checks.must('C63', 'trusted proxy hops', async (ctx) => {
      await main.http('/__conformance/items/63', {
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'c63-default' },
      });
      const launched = await stack().launch({ env: { TRUST_PROXY_HOPS: '1' } });
      await launched.http('/__conformance/items/6363', {
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'c63-trusted' },
      });
      await sleep(300);
      const [span] = await launched.receiver.waitForSpans(
        (s) => s.kind === 'SERVER' && s.attributes['url.path'] === '/__conformance/items/6363',
        { timeoutMs: 5000 },
      );
      const defaultLine = accessLines(main.app.logs).find((r) => r.request_id === 'c63-default');
      const trustedLine = accessLines(launched.app.logs).find(
        (r) => r.request_id === 'c63-trusted',
      );
      await launched.stop();
      ctx.figure(
        `default client.address=${String(defaultLine?.['client.address'])}; trusted=${String(trustedLine?.['client.address'])}`,
      );
      expect({
        defaultIsPeer: ['127.0.0.1', '::ffff:127.0.0.1'].includes(
          String(defaultLine?.['client.address']),
        ),
        trustedLog: trustedLine?.['client.address'],
        trustedSpan: span?.attributes['client.address'],
      }).toEqual({ defaultIsPeer: true, trustedLog: '203.0.113.7', trustedSpan: '203.0.113.7' });
    });

    checks.must('C64', 'error response vs log', async (ctx) => {
      const response = observe(
        await main.http('/__conformance/error', { headers: { 'x-request-id': 'c64-error' } }),
        'main',
      );
      await sleep(300);
      const logged = jsonLines(main.app.logs).find(
        (r) => r.request_id === 'c64-error' && typeof r['exception.stacktrace'] === 'string',
      );
      ctx.figure(
        `500 body ${response.body.length} bytes; log stack ${String(logged?.['exception.stacktrace'] ?? '').length} chars`,
      );
      expect({
        status: response.status,
        problems: problemViolations(response),
        internals: leakedInternals(response.body),
        logHasStack: logged !== undefined,
      }).toEqual({
        status: 500,
        problems: [],
        internals: [],
        logHasStack: true,
      });
    });

    checks.must(
      'C58',
      'error shape of platform errors (404, 405, 413, 415, 429, 500, 503)',
      async (ctx) => {
        observe(await main.http('/does-not-exist-58'), 'main');
        const wrongMethod = observe(
          await main.http('/__conformance/items/58', { method: 'DELETE' }),
          'main',
        );
        const wanted = [404, 413, 415, 429, 500, 503];
        const errors = observed.filter((o) => o.status >= 400);
        const problems = errors.flatMap((o) =>
          problemViolations(o).map((p) => `${o.source}: ${p}`),
        );
        const missing = wanted.filter((status) => !errors.some((o) => o.status === status));
        const withoutRequestId = errors.filter(
          (o) => problemRequestId({ body: o.body }) === undefined,
        );
        ctx.should(
          'C58.request_id',
          'problem bodies carry a request_id member',
          withoutRequestId.length === 0,
          `${withoutRequestId.length}/${errors.length} without request_id`,
        );
        ctx.figure(
          `${errors.length} error responses checked; wrong method → ${wrongMethod.status}`,
        );
        expect({
          missing,
          wrongMethod: [404, 405].includes(wrongMethod.status),
          problems: [...new Set(problems)],
        }).toEqual({ missing: [], wrongMethod: true, problems: [] });
      },
    );

    checks.must('C59', 'no internals in 5xx bodies', async (ctx) => {
      const serverErrors = observed.filter((o) => o.status >= 500);
      const leaks = serverErrors.flatMap((o) =>
        leakedInternals(o.body).map((p) => `${o.status} ${o.source}: ${p}`),
      );
      ctx.figure(
        `${serverErrors.length} 5xx bodies (${[...new Set(serverErrors.map((o) => o.status))].join(', ')})`,
      );
      expect({ sawServerErrors: serverErrors.length > 0, leaks }).toEqual({
        sawServerErrors: true,
        leaks: [],
      });
    });

    checks.must('C49', 'security headers on every response', async (ctx) => {
      observed.push(
        ...(await Promise.all(
          ['/livez', '/readyz'].map(async (p) => ({ ...(await main.http(p)), source: 'health' })),
        )),
      );
      const statuses = [...new Set(observed.map((o) => o.status))].sort();
      const wanted = [200, 404, 413, 415, 429, 500, 503];
      const problems = observed.flatMap((o) =>
        securityHeaderViolations(o.headers).map((p) => `${o.status} (${o.source}): ${p}`),
      );
      ctx.figure(`${observed.length} responses, statuses ${statuses.join(', ')}`);
      expect({
        missing: wanted.filter((s) => !statuses.includes(s)),
        problems: [...new Set(problems)],
      }).toEqual({ missing: [], problems: [] });
    });
  },
);
