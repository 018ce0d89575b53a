import { register as registerAsyncHooks } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { diag } from '@opentelemetry/api';
import { HostMetricsInstrumentation } from '@opentelemetry/instrumentation-host-metrics';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { RuntimeNodeInstrumentation } from '@opentelemetry/instrumentation-runtime-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  register as registerSyncHooks,
  supportsSyncHooks,
} from 'import-in-the-middle/register-hooks.mjs';
import { clientAddress } from '../http/client-address.ts';
import { isProbePath } from '../health/probe-paths.ts';
import { resolveServiceIdentity } from '../service-identity.ts';
import { addDbErrorType } from './db-error-type.ts';
// No static import of ../logger.ts (pino): it must load after the instrumentations exist.
import { createDiagLogger, diagLevelFromEnv } from './diagnostics.ts';
import { startMetricsEndpoint, type MetricsEndpoint } from './metrics-endpoint.ts';

/** Semantic-convention buckets for http.server.request.duration (seconds). */
export const HTTP_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

type ViewOptions = NonNullable<
  NonNullable<ConstructorParameters<typeof NodeSDK>[0]>['views']
>[number];

// The instrumentation already passes these buckets as advice; the view pins them so an upgrade
// cannot silently change the histogram the dashboards and SLOs are built on. (The aggregation
// enum is taken by value: importing @opentelemetry/sdk-metrics directly would install a second
// copy next to the exact version sdk-node pins, with an incompatible enum type.)
const EXPLICIT_BUCKET_HISTOGRAM = 4 as NonNullable<ViewOptions['aggregation']>['type'];
const HTTP_DURATION_VIEW = {
  instrumentName: 'http.server.request.duration',
  aggregation: { type: EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: HTTP_DURATION_BUCKETS } },
} as ViewOptions;

// ESM `import` bindings can only be patched through a loader hook; restrict it to the packages
// whose exports the instrumentations replace (pg and http are also patched through require).
const HOOKED_PACKAGES = ['pino', 'pg'];

let sdk: NodeSDK | undefined;
let metricsEndpoint: MetricsEndpoint | undefined;

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function listFromEnv(value: string | undefined, fallback: string): string[] {
  return (value?.trim() || fallback).split(',').map((item) => item.trim().toLowerCase());
}

function registerImportHooks(): void {
  if (supportsSyncHooks()) {
    registerSyncHooks({ include: HOOKED_PACKAGES });
  } else {
    registerAsyncHooks('import-in-the-middle/hook.mjs', import.meta.url, {
      data: { include: HOOKED_PACKAGES },
    });
  }
}

/**
 * The scrape port when metrics go to Prometheus. The contract's default exporter (`prometheus`)
 * differs from the SDK's (`otlp`), so this path is built here; any other OTEL_METRICS_EXPORTER
 * value is left to the SDK.
 */
function prometheusPortFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const exporters = listFromEnv(env.OTEL_METRICS_EXPORTER, 'prometheus');
  if (exporters.length !== 1 || exporters[0] !== 'prometheus') return undefined;
  return Number(env.OTEL_EXPORTER_PROMETHEUS_PORT || 9464);
}

function httpInstrumentation(env: NodeJS.ProcessEnv, metricsPort: number | undefined) {
  const trustedHops = Number.parseInt(env.TRUST_PROXY_HOPS ?? '0', 10) || 0;
  return new HttpInstrumentation({
    // Probes and scrapes are frequent and uninteresting: no spans, no duration samples.
    ignoreIncomingRequestHook: (request: IncomingMessage) =>
      isProbePath(request.url) ||
      (metricsPort !== undefined && request.socket.localPort === metricsPort),
    startIncomingSpanHook: (request: IncomingMessage) => {
      const attributes: Record<string, string> = {};
      // The instrumentation trusts X-Forwarded-For unconditionally; apply TRUST_PROXY_HOPS instead.
      const address = clientAddress(
        request.socket.remoteAddress,
        request.headers['x-forwarded-for'],
        trustedHops,
      );
      if (address !== undefined) attributes['client.address'] = address;
      // Query strings often carry tokens: keep parameter names, drop every value.
      const queryStart = request.url?.indexOf('?') ?? -1;
      if (queryStart !== -1 && request.url !== undefined) {
        const names = [...new URLSearchParams(request.url.slice(queryStart + 1)).keys()];
        attributes['url.query'] = names.map((name) => `${name}=REDACTED`).join('&');
      }
      return attributes;
    },
  });
}

async function start(env: NodeJS.ProcessEnv): Promise<void> {
  registerImportHooks();
  const sendLogs = !listFromEnv(env.OTEL_LOGS_EXPORTER, 'none').includes('none');
  const metricsPort = prometheusPortFromEnv(env);
  // Instrumentations register their module hooks when constructed: before pino/pg are loaded.
  const instrumentations = [
    httpInstrumentation(env, metricsPort),
    new UndiciInstrumentation(),
    // requireParentSpan: pool housekeeping and health checks outside a request stay untraced.
    new PgInstrumentation({ requireParentSpan: true, requestHook: addDbErrorType }),
    new PinoInstrumentation({ disableLogSending: !sendLogs }),
    new RuntimeNodeInstrumentation(),
    // Process CPU and memory only: host-wide series belong to the node exporter/kubelet.
    new HostMetricsInstrumentation({ metricGroups: ['process.cpu', 'process.memory'] }),
  ];
  // Only now load pino, so that it goes through the hooks like the application's import will.
  const { createLogger } = await import('../logger.ts');
  const service = resolveServiceIdentity(env);
  const logger = createLogger('info', service);

  if (metricsPort !== undefined) {
    // The JS exporter binds localhost by default; a scraper in another container needs 0.0.0.0.
    metricsEndpoint = startMetricsEndpoint(
      env.OTEL_EXPORTER_PROMETHEUS_HOST || '0.0.0.0',
      metricsPort,
      logger,
    );
  }
  sdk = new NodeSDK({
    resource: defaultResource().merge(
      resourceFromAttributes({
        'service.name': service.name,
        'service.version': service.version,
        'deployment.environment.name': service.environment,
      }),
    ),
    // Left undefined, the SDK reads OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER itself.
    ...(metricsEndpoint === undefined ? {} : { metricReaders: [metricsEndpoint.reader] }),
    ...(sendLogs ? {} : { logRecordProcessors: [] }),
    views: [HTTP_DURATION_VIEW],
    instrumentations,
  });
  // NodeSDK installs a console logger when OTEL_LOG_LEVEL is set; keep stdout JSON instead.
  diag.disable();
  diag.setLogger(createDiagLogger(logger), diagLevelFromEnv(env.OTEL_LOG_LEVEL));
  sdk.start();
}

/**
 * Starts the OpenTelemetry SDK. Runs before the application (`node --import ./dist/telemetry.js`)
 * so instrumentations patch pg, pino and http before they load. Honours the standard OTEL_*
 * variables; telemetry problems are logged, never fatal.
 */
export async function startTelemetry(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (isTrue(env.OTEL_SDK_DISABLED) || sdk !== undefined) return;
  try {
    await start(env);
  } catch (error) {
    const { createLogger } = await import('../logger.ts');
    createLogger('info', resolveServiceIdentity(env)).warn(
      { err: error },
      'telemetry could not start; the service runs without it',
    );
  }
}

/** Flushes buffered spans and stops exporters; bounded by the caller (see shutdown.ts). */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await Promise.allSettled([running?.shutdown(), metricsEndpoint?.close()]);
}
