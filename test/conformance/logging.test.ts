import { RFC3339_UTC_MS, UUID_V4_OR_V7 } from './harness/assertions.js';
import {
  INBOUND_PARENT_ID,
  INBOUND_TRACE_ID,
  REDACTION_SENTINELS,
  SERVICE_NAME,
  SERVICE_VERSION,
  traceparent,
} from './harness/contract.js';
import type { HttpResponse } from './harness/http-client.js';
import {
  ACCESS_STATUS_KEY,
  accessLines,
  allOutput,
  jsonLines,
  LEVELS,
  linesSince,
  type LogRecord,
} from './harness/logs.js';
import type { AppInstance } from './harness/app-process.js';
import { now, sleep } from './harness/ports.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched } from './harness/stack.js';

/** contract §2.4 Structured logging (C23-C30). */
const HEX16 = /^[0-9a-f]{16}$/;

/** Lines logged between the request's start and shortly after its response (the instance is otherwise idle). */
async function linesDuring(
  app: AppInstance,
  response: HttpResponse,
  graceMs = 300,
): Promise<LogRecord[]> {
  await sleep(graceMs);
  return jsonLines(
    app.logs.filter(
      (line) => line.at >= response.startedAt && line.at <= response.endedAt + graceMs,
    ),
  );
}

const byRequestId = (app: AppInstance, id: string): LogRecord[] =>
  jsonLines(app.logs).filter((r) => r.request_id === id);

function mandatoryKeyProblems(record: LogRecord): string[] {
  const problems: string[] = [];
  if (typeof record.time !== 'string' || !RFC3339_UTC_MS.test(record.time))
    problems.push(`time ${JSON.stringify(record.time)}`);
  if (!LEVELS.includes(record.level as (typeof LEVELS)[number]))
    problems.push(`level ${JSON.stringify(record.level)}`);
  if (typeof record.msg !== 'string') problems.push(`msg ${JSON.stringify(record.msg)}`);
  if (record['service.name'] !== SERVICE_NAME)
    problems.push(`service.name ${JSON.stringify(record['service.name'])}`);
  if (record['service.version'] !== SERVICE_VERSION)
    problems.push(`service.version ${JSON.stringify(record['service.version'])}`);
  return problems;
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: structured logging',
  (_id, target) => {
    const stack = useStack(target, 'logging');
    const checks = registerChecks(target.label, 'logging');
    let main: Launched;
    beforeAll(async () => {
      main = await stack().launch();
    }, 60_000);

    checks.must('C25', 'trace correlation', async (ctx) => {
      const inbound = await main.http('/__conformance/items/25', {
        headers: { traceparent: traceparent(), 'x-request-id': 'c25-inbound' },
      });
      const during = await linesDuring(main.app, inbound);
      const problems = during.flatMap((record) => {
        const p: string[] = [];
        if (record.trace_id !== INBOUND_TRACE_ID)
          p.push(`trace_id ${JSON.stringify(record.trace_id)}`);
        if (
          typeof record.span_id !== 'string' ||
          !HEX16.test(record.span_id) ||
          record.span_id === INBOUND_PARENT_ID
        )
          p.push(`span_id ${JSON.stringify(record.span_id)}`);
        if (record.trace_flags !== '01')
          p.push(`trace_flags ${JSON.stringify(record.trace_flags)}`);
        if (record.request_id === undefined) p.push('no request_id');
        return p.map((text) => `${String(record.msg)}: ${text}`);
      });

      const fresh = await main.http('/__conformance/items/2525', {
        headers: { 'x-request-id': 'c25-fresh' },
      });
      const access = (
        await main.app.waitForLog(
          (l) => l.json?.request_id === 'c25-fresh' && ACCESS_STATUS_KEY in l.json,
          3000,
        )
      )?.json;
      const span = (
        await main.receiver.waitForSpans(
          (s) => s.kind === 'SERVER' && s.traceId === access?.trace_id,
          { timeoutMs: 5000 },
        )
      )[0];
      ctx.figure(`${during.length} lines during the traced request; fresh request ${fresh.status}`);
      expect({
        linesDuringRequest: during.length > 0,
        problems,
        freshTraceIdIsSpan: span !== undefined && access?.trace_id === span.traceId,
        freshSpanIdIsSpan: span !== undefined && access?.span_id === span.spanId,
      }).toEqual({
        linesDuringRequest: true,
        problems: [],
        freshTraceIdIsSpan: true,
        freshSpanIdIsSpan: true,
      });
    });

    checks.must('C26', 'access log: one line per request with the required keys', async (ctx) => {
      const requests: {
        id: string;
        path: string;
        method: string;
        route?: string;
        status: number;
        body?: string;
      }[] = [
        {
          id: 'c26-ok',
          path: '/__conformance/items/26?secret=q',
          method: 'GET',
          route: 'items',
          status: 200,
        },
        { id: 'c26-missing', path: '/does-not-exist-26', method: 'GET', status: 404 },
        {
          id: 'c26-error',
          path: '/__conformance/error',
          method: 'GET',
          route: '/__conformance/error',
          status: 500,
        },
        {
          id: 'c26-post',
          path: '/__conformance/echo',
          method: 'POST',
          route: '/__conformance/echo',
          status: 200,
          body: '{"a":1}',
        },
      ];
      const problems: string[] = [];
      for (const request of requests) {
        const response = await main.http(request.path, {
          method: request.method,
          headers: {
            'x-request-id': request.id,
            'user-agent': 'conformance-agent/1.0',
            ...(request.body ? { 'content-type': 'application/json' } : {}),
          },
          body: request.body,
        });
        if (response.status !== request.status)
          problems.push(`${request.path} → ${response.status}`);
      }
      await sleep(300);
      for (const request of requests) {
        const lines = byRequestId(main.app, request.id).filter((r) => ACCESS_STATUS_KEY in r);
        if (lines.length !== 1) {
          problems.push(`${request.id}: ${lines.length} access lines`);
          continue;
        }
        const line = lines[0]!;
        const expectPath = request.path.split('?')[0];
        const checksFor: [string, boolean][] = [
          ['msg', line.msg === 'request completed'],
          ['http.request.method', line['http.request.method'] === request.method],
          ['url.path', line['url.path'] === expectPath],
          [
            'http.route',
            request.route === undefined ||
              (typeof line['http.route'] === 'string' &&
                (request.route === 'items'
                  ? !String(line['http.route']).includes('26') &&
                    String(line['http.route']).startsWith('/__conformance/items/')
                  : line['http.route'] === request.route)),
          ],
          ['http.response.status_code', line[ACCESS_STATUS_KEY] === request.status],
          ['duration_ms', typeof line.duration_ms === 'number' && line.duration_ms >= 0],
          [
            'client.address',
            typeof line['client.address'] === 'string' && line['client.address'] !== '',
          ],
          ['user_agent.original', line['user_agent.original'] === 'conformance-agent/1.0'],
          ['request_id', line.request_id === request.id],
          ['trace_id', typeof line.trace_id === 'string' && /^[0-9a-f]{32}$/.test(line.trace_id)],
          [
            'level',
            request.status >= 500
              ? line.level === 'error'
              : request.status >= 400
                ? ['info', 'warn'].includes(String(line.level))
                : line.level === 'info',
          ],
        ];
        for (const [key, ok] of checksFor)
          if (!ok) problems.push(`${request.id}: ${key}=${JSON.stringify(line[key])}`);
      }
      ctx.figure(`${requests.length} requests, ${problems.length} problems`);
      expect(problems).toEqual([]);
    });

    checks.must('C27', 'request id: echoed when valid, generated otherwise', async (ctx) => {
      const valid = await main.http('/__conformance/items/27', {
        headers: { 'x-request-id': 'abc-123' },
      });
      const absent = await main.http('/__conformance/items/27');
      const long = 'a'.repeat(300);
      const tooLong = await main.http('/__conformance/items/27', {
        headers: { 'x-request-id': long },
      });
      const spaced = await main.http('/__conformance/items/27', {
        headers: { 'x-request-id': 'has space' },
      });
      await sleep(300);
      const generated = [absent, tooLong, spaced].map((r) =>
        String(r.headers['x-request-id'] ?? ''),
      );
      const output = allOutput(main.app);
      ctx.figure(`generated ids: ${generated.join(', ')}`);
      expect({
        echoed: valid.headers['x-request-id'],
        loggedEchoed: byRequestId(main.app, 'abc-123').length > 0,
        generatedAreUuids: generated.map((id) => UUID_V4_OR_V7.test(id)),
        generatedLogged: generated.map((id) => byRequestId(main.app, id).length > 0),
        invalidNeverEchoedOrLogged: !output.includes(long) && !output.includes('"has space"'),
      }).toEqual({
        echoed: 'abc-123',
        loggedEchoed: true,
        generatedAreUuids: [true, true, true],
        generatedLogged: [true, true, true],
        invalidNeverEchoedOrLogged: true,
      });
    });

    checks.must('C28', 'redaction (LOG_LEVEL=debug)', async (ctx) => {
      const launched = await stack().launch({ env: { LOG_LEVEL: 'debug' } });
      const s = REDACTION_SENTINELS;
      const response = await launched.http(`/__conformance/echo?token=${s.query}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s.authorization}`,
          cookie: `sid=${s.cookie}`,
          'x-api-key': s.apiKey,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ password: s.body }),
      });
      const spans = await launched.receiver.waitForSpans(
        (span) =>
          span.kind === 'SERVER' && String(span.attributes['url.path'] ?? '').includes('echo'),
        { timeoutMs: 5000 },
      );
      await sleep(300);
      const output = allOutput(launched.app);
      const leakedInLogs = Object.values(s).filter((sentinel) => output.includes(sentinel));
      const spanText = JSON.stringify(
        launched.receiver.spans.map((span) => [span.attributes, span.events, span.resource]),
      );
      const leakedInSpans = [s.authorization, s.cookie, s.apiKey].filter((sentinel) =>
        spanText.includes(sentinel),
      );
      const queryOnSpan = spans
        .map((span) => span.attributes['url.query'])
        .find((q) => q !== undefined);
      ctx.should(
        'C28.query',
        'url.query on spans absent or redacted',
        queryOnSpan === undefined || !String(queryOnSpan).includes(s.query),
        `url.query=${JSON.stringify(queryOnSpan)}`,
      );
      ctx.figure(
        `${launched.app.logs.length} lines, ${launched.receiver.spans.length} spans scanned`,
      );
      await launched.stop();
      expect({
        status: response.status,
        leakedInLogs,
        leakedInSpans,
        serverSpanExported: spans.length > 0,
      }).toEqual({
        status: 200,
        leakedInLogs: [],
        leakedInSpans: [],
        serverSpanExported: true,
      });
    });

    checks.must(
      'C29',
      'error log with exception fields, none of them in the response',
      async (ctx) => {
        const response = await main.http('/__conformance/error', {
          headers: { 'x-request-id': 'c29-error' },
        });
        await sleep(300);
        const errorLines = byRequestId(main.app, 'c29-error').filter(
          (r) => 'exception.stacktrace' in r,
        );
        const line = errorLines[0] ?? {};
        const stack = String(line['exception.stacktrace'] ?? '');
        const message = String(line['exception.message'] ?? '');
        const type = String(line['exception.type'] ?? '');
        ctx.figure(`${errorLines.length} error line(s); exception.type=${type}`);
        expect({
          status: response.status,
          oneLine: errorLines.length,
          level: line.level,
          typeSet: type !== '',
          messageSet: message !== '',
          stackIsString: typeof line['exception.stacktrace'] === 'string' && stack.length > 0,
          traceId: typeof line.trace_id === 'string',
          bodyHasStack:
            stack !== '' &&
            response.body.includes(
              stack
                .split('\n')
                .find((l) => /^\s*at /.test(l))
                ?.trim() ?? stack,
            ),
          bodyHasMessage:
            message.length > 3 &&
            message !== 'Internal Server Error' &&
            response.body.includes(message),
          bodyHasType: type !== '' && type !== 'Error' && response.body.includes(type),
        }).toEqual({
          status: 500,
          oneLine: 1,
          level: 'error',
          typeSet: true,
          messageSet: true,
          stackIsString: true,
          traceId: true,
          bodyHasStack: false,
          bodyHasMessage: false,
          bodyHasType: false,
        });
      },
    );

    checks.must('C30', 'level filter (LOG_LEVEL=warn)', async (ctx) => {
      const launched = await stack().launch({ env: { LOG_LEVEL: 'warn' } });
      const since = now();
      for (const path of [
        '/__conformance/items/30',
        '/does-not-exist-30',
        '/__conformance/error',
        '/__conformance/sleep?ms=1',
      ])
        await launched.http(path);
      await sleep(500);
      const lines = jsonLines(linesSince(launched.app, since));
      const chatty = lines.filter((r) => ['trace', 'debug', 'info'].includes(String(r.level)));
      ctx.figure(
        `${lines.length} lines after startup, levels: ${[...new Set(lines.map((r) => String(r.level)))].join(',') || 'none'}`,
      );
      await launched.stop();
      // Control: the 500 still produces error lines, so an app that logs nothing cannot pass.
      const errors = lines.filter((r) => r.level === 'error').length;
      expect({
        chatty: chatty.map((r) => `${String(r.level)}: ${String(r.msg)}`),
        errorLines: errors > 0,
      }).toEqual({ chatty: [], errorLines: true });
    });

    checks.must('C24', 'mandatory keys on every line', async (ctx) => {
      const problems = jsonLines(main.app.logs).flatMap((record) =>
        mandatoryKeyProblems(record).map((p) => `${String(record.msg)}: ${p}`),
      );
      ctx.figure(`${main.app.logs.length} lines checked`);
      expect([...new Set(problems)]).toEqual([]);
    });

    checks.must('C23', 'JSON only on stdout, empty stderr', async (ctx) => {
      const notJson = main.app.logs
        .slice(1)
        .filter((line) => line.json === undefined)
        .map((line) => line.raw.slice(0, 120));
      ctx.figure(`${main.app.logs.length} stdout lines, ${main.app.stderr().length} stderr bytes`);
      expect({ notJson, stderr: main.app.stderr() }).toEqual({ notJson: [], stderr: '' });
    });
  },
);
