import {
  DEPLOYMENT_ENVIRONMENT,
  INBOUND_PARENT_ID,
  INBOUND_TRACE_ID,
  ITEMS_ROUTES,
  SERVICE_NAME,
  SERVICE_VERSION,
  randomSpanId,
  randomTraceId,
  traceparent,
} from './harness/contract.js';
import { accessLines } from './harness/logs.js';
import type { ReceivedSpan } from './harness/otlp-receiver.js';
import { sleep } from './harness/ports.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched } from './harness/stack.js';

/** contract §2.5 Distributed tracing (C31-C39; C40 is recorded with C15). */
const DEPRECATED_HTTP = ['http.method', 'http.status_code', 'http.target', 'http.url'];
const SETTLE_MS = 1500; // OTEL_BSP_SCHEDULE_DELAY=200 in the baseline: spans arrive well within this

const serverSpanFor = (spans: readonly ReceivedSpan[], urlPath: string) =>
  spans.filter((s) => s.kind === 'SERVER' && s.attributes['url.path'] === urlPath);

/** Whether `span` descends from `ancestor` through spans of the same trace. */
function descendsFrom(
  span: ReceivedSpan,
  ancestor: ReceivedSpan,
  spans: readonly ReceivedSpan[],
): number | undefined {
  let current: ReceivedSpan | undefined = span;
  for (let depth = 1; current !== undefined && depth < 10; depth += 1) {
    if (current.parentSpanId === ancestor.spanId) return depth;
    const parentId: string = current.parentSpanId;
    current = spans.find((s) => s.spanId === parentId && s.traceId === span.traceId);
  }
  return undefined;
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: distributed tracing',
  (_id, target) => {
    const stack = useStack(target, 'tracing');
    const checks = registerChecks(target.label, 'tracing');
    let main: Launched;
    beforeAll(async () => {
      main = await stack().launch();
    }, 60_000);

    checks.must('C32', 'W3C propagation in', async (ctx) => {
      await main.http('/__conformance/items/32', { headers: { traceparent: traceparent() } });
      const [server] = await main.receiver.waitForSpans(
        (s) => s.kind === 'SERVER' && s.traceId === INBOUND_TRACE_ID,
        { timeoutMs: 5000 },
      );
      const unsampledTrace = randomTraceId();
      await main.http('/__conformance/items/3200', {
        headers: {
          traceparent: traceparent(unsampledTrace, randomSpanId(), '00'),
          'x-request-id': 'c32-unsampled',
        },
      });
      await sleep(SETTLE_MS);
      const exportedUnsampled = main.receiver.spans.filter(
        (s) => s.traceId === unsampledTrace,
      ).length;
      const accessTrace = accessLines(main.app.logs).find(
        (r) => r.request_id === 'c32-unsampled',
      )?.trace_id;
      ctx.figure(
        `server span parent ${server?.parentSpanId ?? 'none'}; unsampled: ${exportedUnsampled} spans`,
      );
      expect({
        traceId: server?.traceId,
        parent: server?.parentSpanId,
        unsampledExported: exportedUnsampled,
        unsampledLogTraceId: accessTrace,
      }).toEqual({
        traceId: INBOUND_TRACE_ID,
        parent: INBOUND_PARENT_ID,
        unsampledExported: 0,
        unsampledLogTraceId: unsampledTrace,
      });
    });

    checks.must('C33', 'new root without traceparent', async (ctx) => {
      await main.http('/__conformance/items/33', { headers: { 'x-request-id': 'c33-root' } });
      const [server] = await main.receiver.waitForSpans(
        (s) => s.kind === 'SERVER' && s.attributes['url.path'] === '/__conformance/items/33',
        { timeoutMs: 5000 },
      );
      const access = (
        await main.app.waitForLog(
          (l) => l.json?.request_id === 'c33-root' && 'http.response.status_code' in l.json,
          3000,
        )
      )?.json;
      ctx.figure(`trace ${server?.traceId ?? 'none'}`);
      expect({
        parent: server?.parentSpanId,
        validTrace: /^(?!0+$)[0-9a-f]{32}$/.test(server?.traceId ?? ''),
        validSpan: /^(?!0+$)[0-9a-f]{16}$/.test(server?.spanId ?? ''),
        logMatches: access?.trace_id === server?.traceId,
      }).toEqual({ parent: '', validTrace: true, validSpan: true, logMatches: true });
    });

    checks.must('C34', 'HTTP server span shape', async (ctx) => {
      await main.http('/__conformance/items/42', {
        headers: { 'user-agent': 'conformance-agent/1.0' },
      });
      const [span] = await main.receiver.waitForSpans(
        (s) => serverSpanFor([s], '/__conformance/items/42').length > 0,
        { timeoutMs: 5000 },
      );
      const a = span?.attributes ?? {};
      const route = String(a['http.route'] ?? '');
      ctx.figure(`name "${span?.name}"`);
      expect({
        kind: span?.kind,
        routeIsTemplate: ITEMS_ROUTES.includes(route) && !route.includes('42'),
        name: span?.name,
        method: a['http.request.method'],
        scheme: a['url.scheme'],
        path: a['url.path'],
        status: a['http.response.status_code'],
        statusIsInt: span?.attributeKinds['http.response.status_code'],
        protocol: a['network.protocol.version'],
        userAgent: a['user_agent.original'] !== undefined,
        deprecated: DEPRECATED_HTTP.filter((key) => key in a),
      }).toEqual({
        kind: 'SERVER',
        routeIsTemplate: true,
        name: `GET ${route}`,
        method: 'GET',
        scheme: 'http',
        path: '/__conformance/items/42',
        status: 200,
        statusIsInt: 'int',
        protocol: '1.1',
        userAgent: true,
        deprecated: [],
      });
    });

    checks.must('C35', 'unmatched route span', async (ctx) => {
      await main.http('/does-not-exist');
      const [span] = await main.receiver.waitForSpans(
        (s) => serverSpanFor([s], '/does-not-exist').length > 0,
        { timeoutMs: 5000 },
      );
      ctx.figure(`name "${span?.name}", status ${span?.status.code}`);
      expect({
        name: span?.name,
        route: span?.attributes['http.route'],
        status: span?.attributes['http.response.status_code'],
        spanStatus: span?.status.code,
      }).toEqual({ name: 'GET', route: undefined, status: 404, spanStatus: 'UNSET' });
    });

    checks.must('C36', 'server error span', async (ctx) => {
      await main.http('/__conformance/error');
      const [span] = await main.receiver.waitForSpans(
        (s) => serverSpanFor([s], '/__conformance/error').length > 0,
        { timeoutMs: 5000 },
      );
      const errorType = String(span?.attributes['error.type'] ?? '');
      ctx.figure(`error.type=${errorType}`);
      expect({
        spanStatus: span?.status.code,
        errorType: errorType === '500' || /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(errorType),
        status: span?.attributes['http.response.status_code'],
      }).toEqual({ spanStatus: 'ERROR', errorType: true, status: 500 });
    });

    checks.must('C37', 'DB client span', async (ctx) => {
      await main.http('/__conformance/db?sleep_ms=10');
      const [server] = await main.receiver.waitForSpans(
        (s) => serverSpanFor([s], '/__conformance/db').length > 0,
        { timeoutMs: 5000 },
      );
      await sleep(SETTLE_MS);
      const dbSpans = main.receiver.spans.filter(
        (s) =>
          s.kind === 'CLIENT' &&
          s.traceId === server?.traceId &&
          String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '').includes(
            'pg_sleep',
          ),
      );
      const db = dbSpans[0];
      const a = db?.attributes ?? {};
      const depth =
        db !== undefined && server !== undefined
          ? descendsFrom(db, server, main.receiver.spans)
          : undefined;
      const legacyOnly = a['db.system.name'] === undefined && a['db.system'] === 'postgresql';
      ctx.figure(
        `${dbSpans.length} pg_sleep CLIENT span(s); ${depth === 1 ? 'direct child' : depth === undefined ? 'not under the server span' : `descendant at depth ${depth}`}${legacyOnly ? '; deviation: legacy db.system only' : ''}`,
      );
      const queryText = String(a['db.query.text'] ?? '');
      expect({
        underServerSpan: depth !== undefined,
        system: legacyOnly ? 'postgresql' : a['db.system.name'],
        namespace: a['db.namespace'] !== undefined,
        serverAddress: a['server.address'] !== undefined,
        // $1 (PostgreSQL), ? (JDBC), %s or %(name)s (Python DB-API paramstyles format/pyformat).
        placeholder: /\$1|\?|%s|%\(\w+\)s/.test(queryText),
        literalValue: queryText.includes('0.01'),
      }).toEqual({
        underServerSpan: true,
        system: 'postgresql',
        namespace: true,
        serverAddress: true,
        placeholder: true,
        literalValue: false,
      });
    });

    checks.must('C38', 'propagation out', async (ctx) => {
      const echo = stack().echo;
      const traceId = randomTraceId();
      const marker = `/c38-${traceId.slice(0, 8)}`;
      const response = await main.http(
        `/__conformance/outbound?target=${encodeURIComponent(`${echo.url.replace(/\/$/, '')}${marker}`)}`,
        {
          headers: {
            traceparent: traceparent(traceId, randomSpanId()),
            tracestate: 'vendor=x',
            baggage: 'k=v',
          },
        },
      );
      await sleep(SETTLE_MS);
      const received = echo.requests.find((r) => r.url.startsWith(marker));
      const [, outTrace, outParent] =
        /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(
          String(received?.headers.traceparent ?? ''),
        ) ?? [];
      const client = main.receiver.spans.find((s) => s.kind === 'CLIENT' && s.spanId === outParent);
      const a = client?.attributes ?? {};
      ctx.figure(
        `status ${response.status}; echo got traceparent ${String(received?.headers.traceparent ?? 'none')}`,
      );
      expect({
        status: response.status,
        sameTrace: outTrace === traceId,
        parentIsExportedClientSpan: client !== undefined,
        clientAttributes: [
          'http.request.method',
          'server.address',
          'url.full',
          'http.response.status_code',
        ].filter((k) => !(k in a)),
        tracestate: String(received?.headers.tracestate ?? '').includes('vendor=x'),
        baggage: String(received?.headers.baggage ?? '').includes('k=v'),
      }).toEqual({
        status: 200,
        sameTrace: true,
        parentIsExportedClientSpan: true,
        clientAttributes: [],
        tracestate: true,
        baggage: true,
      });
    });

    checks.must(
      'C39',
      'sampler env (always_off; parentbased_traceidratio 0)',
      async (ctx) => {
        const off = await stack().launch({ env: { OTEL_TRACES_SAMPLER: 'always_off' } });
        const ratio = await stack().launch({
          env: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' },
        });
        for (const launched of [off, ratio]) {
          for (const path of [
            '/__conformance/items/39',
            '/__conformance/db?sleep_ms=1',
            '/__conformance/error',
          ])
            await launched.http(path);
        }
        await off.http('/__conformance/items/3939', {
          headers: { traceparent: traceparent(randomTraceId(), randomSpanId()) },
        });
        await sleep(SETTLE_MS);
        const offSpans = off.receiver.spans.length;
        const ratioRoots = ratio.receiver.spans.filter((s) => s.parentSpanId === '').length;
        ctx.figure(`always_off: ${offSpans} spans; ratio 0: ${ratioRoots} root spans`);
        await off.stop();
        await ratio.stop();
        // Control: the main instance (default sampler) exported the same kind of traffic.
        expect({ offSpans, ratioRoots, controlExported: main.receiver.spans.length > 0 }).toEqual({
          offSpans: 0,
          ratioRoots: 0,
          controlExported: true,
        });
      },
      60_000,
    );

    checks.must('C31', 'resource on every span; OTLP/HTTP protobuf to /v1/traces', async (ctx) => {
      await main.http('/__conformance/items/31');
      await sleep(SETTLE_MS);
      const spans = main.receiver.spans;
      const badResource = spans.filter(
        (s) =>
          s.resource['service.name'] !== SERVICE_NAME ||
          s.resource['service.version'] !== SERVICE_VERSION ||
          s.resource['deployment.environment.name'] !== DEPLOYMENT_ENVIRONMENT ||
          s.resource['telemetry.sdk.language'] === undefined,
      );
      const traceRequests = main.receiver.requests.filter((r) => r.path === '/v1/traces');
      const badRequests = main.receiver.requests.filter(
        (r) =>
          (r.path !== '/v1/traces' && r.path !== '/v1/metrics' && r.path !== '/v1/logs') ||
          !r.contentType.startsWith('application/x-protobuf') ||
          r.status !== 200,
      );
      ctx.figure(`${spans.length} spans in ${traceRequests.length} protobuf exports`);
      expect({
        spans: spans.length > 0,
        badResource: badResource.slice(0, 3).map((s) => ({ name: s.name, resource: s.resource })),
        badRequests: badRequests.map((r) => `${r.path} ${r.contentType} → ${r.status}`),
      }).toEqual({ spans: true, badResource: [], badRequests: [] });
    });
  },
);
