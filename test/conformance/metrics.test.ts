import {
  HTTP_DURATION_BUCKETS,
  ITEMS_ROUTES,
  RUNTIME_METRICS,
  SERVICE_NAME,
} from './harness/contract.js';
import { attempt, mediaType } from './harness/http-client.js';
import { sleep } from './harness/ports.js';
import { parsePrometheusText, seriesCount, type Sample } from './harness/prometheus.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched } from './harness/stack.js';

/** contract §2.6 Metrics (C41-C48). */
const DURATION = 'http_server_request_duration_seconds';
const FORBIDDEN_LABELS = ['url_path', 'url_full', 'client_address', 'user_agent_original'];

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: metrics',
  (_id, target) => {
    const stack = useStack(target, 'metrics');
    const checks = registerChecks(target.label, 'metrics');
    let main: Launched;
    let samples: Sample[] = [];
    const scrape = async () => {
      samples = parsePrometheusText((await main.metrics()).body);
      return samples;
    };

    beforeAll(async () => {
      main = await stack().launch();
      for (let i = 1; i <= 10; i += 1) await main.http(`/__conformance/items/${i}`);
      await main.http('/__conformance/error');
      await main.http('/does-not-exist');
      await main.http('/__conformance/db?sleep_ms=1');
      await scrape();
    }, 60_000);

    checks.must('C41', 'endpoint on its own port', async (ctx) => {
      const plain = await main.metrics();
      const open = await main.metrics({
        headers: { accept: 'application/openmetrics-text; version=1.0.0' },
      });
      const onAppPort = await main.http('/metrics');
      const contentType = String(plain.headers['content-type'] ?? '');
      ctx.figure(
        `Content-Type "${contentType}"; with openmetrics Accept "${String(open.headers['content-type'] ?? '')}"`,
      );
      expect({
        status: plain.status,
        textFormat:
          mediaType(plain.headers) === 'text/plain' && /version=0\.0\.4/.test(contentType),
        openMetricsAccepted:
          open.status === 200 &&
          ['text/plain', 'application/openmetrics-text'].includes(mediaType(open.headers)),
        appPort: onAppPort.status,
      }).toEqual({ status: 200, textFormat: true, openMetricsAccepted: true, appPort: 404 });
    });

    checks.must('C42', 'HTTP duration histogram', async (ctx) => {
      const itemsCount = samples.filter(
        (s) =>
          s.name === `${DURATION}_count` &&
          s.labels.http_request_method === 'GET' &&
          s.labels.http_response_status_code === '200' &&
          ITEMS_ROUTES.includes(s.labels.http_route ?? ''),
      );
      const leakingPaths = samples.filter((s) =>
        Object.values(s.labels).some((v) => /\/items\/\d/.test(v)),
      );
      const route = itemsCount[0]?.labels.http_route;
      const buckets = samples.filter(
        (s) =>
          s.name === `${DURATION}_bucket` &&
          s.labels.http_route === route &&
          s.labels.http_response_status_code === '200',
      );
      const finiteLe = [
        ...new Set(buckets.map((s) => Number(s.labels.le)).filter(Number.isFinite)),
      ].sort((a, b) => a - b);
      const sum = samples.find(
        (s) =>
          s.name === `${DURATION}_sum` &&
          s.labels.http_route === route &&
          s.labels.http_response_status_code === '200',
      );
      const mean = itemsCount[0] && sum ? sum.value / itemsCount[0].value : Number.NaN;
      ctx.figure(
        `count ${itemsCount[0]?.value ?? 0}, mean ${(mean * 1000).toFixed(1)} ms, ${finiteLe.length} finite buckets`,
      );
      expect({
        series: itemsCount.length,
        countAtLeast10: (itemsCount[0]?.value ?? 0) >= 10,
        leakingPaths: leakingPaths.map((s) => s.name),
        buckets: finiteLe,
        hasInf: buckets.some((s) => s.labels.le === '+Inf'),
        meanUnder1s: mean < 1,
      }).toEqual({
        series: 1,
        countAtLeast10: true,
        leakingPaths: [],
        buckets: HTTP_DURATION_BUCKETS,
        hasInf: true,
        meanUnder1s: true,
      });
    });

    checks.must('C43', 'labels are bounded', async (ctx) => {
      const duration = samples.filter((s) => s.name.startsWith(DURATION));
      const serverErrors = duration.filter((s) =>
        (s.labels.http_response_status_code ?? '').startsWith('5'),
      );
      const unmatched = duration.filter((s) => s.labels.http_response_status_code === '404');
      const forbidden = samples.flatMap((s) =>
        Object.keys(s.labels).filter((l) => FORBIDDEN_LABELS.includes(l)),
      );
      ctx.figure(
        `${duration.length} duration samples, ${serverErrors.length} 5xx, ${unmatched.length} 404`,
      );
      expect({
        urlScheme: duration.length > 0 && duration.every((s) => s.labels.url_scheme !== undefined),
        errorType:
          serverErrors.length > 0 && serverErrors.every((s) => (s.labels.error_type ?? '') !== ''),
        forbidden: [...new Set(forbidden)],
        unmatchedRoute:
          unmatched.length > 0 && unmatched.every((s) => (s.labels.http_route ?? '') === ''),
      }).toEqual({ urlScheme: true, errorType: true, forbidden: [], unmatchedRoute: true });
    });

    checks.must('C44', 'resource as target_info', async (ctx) => {
      const info = samples.filter((s) => s.name === 'target_info');
      ctx.figure(
        info
          .map((s) => JSON.stringify(s.labels))
          .join(' ')
          .slice(0, 200),
      );
      expect(
        info.some(
          (s) =>
            s.labels.service_name === SERVICE_NAME ||
            (s.labels.job !== undefined &&
              s.labels.instance !== undefined &&
              s.labels.service_version !== undefined),
        ),
      ).toBe(true);
    });

    checks.must('C45', 'runtime metrics', async (ctx) => {
      const expected = RUNTIME_METRICS[target.ecosystem];
      expect(expected).toBeDefined();
      const names = new Set(samples.map((s) => s.name));
      const has = (candidates: string[]) =>
        candidates.filter((c) => [...names].some((n) => n === c || n.startsWith(c)));
      const cpu = has(expected!.cpu);
      const memory = has(expected!.memory);
      const runtime = has(expected!.runtime);
      ctx.should(
        'C45.runtime',
        'runtime-specific metrics',
        runtime.length > 0,
        runtime.join(', ') || 'none',
      );
      ctx.figure(`cpu: ${cpu.join(', ') || 'none'}; memory: ${memory.join(', ') || 'none'}`);
      expect({ cpu: cpu.length > 0, memory: memory.length > 0 }).toEqual({
        cpu: true,
        memory: true,
      });
    });

    checks.should('C46', 'active requests gauge while requests are in flight', async (ctx) => {
      const inFlight = Array.from({ length: 5 }, () =>
        attempt(main.app.port, '/__conformance/sleep?ms=1500'),
      );
      await sleep(500);
      const during = parsePrometheusText((await main.metrics()).body).filter((s) =>
        s.name.startsWith('http_server_active_requests'),
      );
      await Promise.all(inFlight);
      ctx.figure(during.map((s) => `${s.name}=${s.value}`).join(', ') || 'absent');
      expect(during.some((s) => s.value >= 1)).toBe(true);
    });

    checks.should('C47', 'DB client metrics', async (ctx) => {
      const db = (await scrape()).filter(
        (s) =>
          s.name.startsWith('db_client_operation_duration_seconds') ||
          s.name.startsWith('db_client_connection_count'),
      );
      ctx.figure([...new Set(db.map((s) => s.name))].join(', ') || 'absent');
      expect(db.length).toBeGreaterThan(0);
    });

    checks.should('C48', 'scrape cost when idle', async (ctx) => {
      await sleep(500);
      const response = await main.metrics();
      const series = seriesCount(parsePrometheusText(response.body));
      ctx.figure(`${Math.round(response.elapsedMs)} ms, ${series} series`);
      expect({ fast: response.elapsedMs < 500, small: series < 2000 }).toEqual({
        fast: true,
        small: true,
      });
    });
  },
);
