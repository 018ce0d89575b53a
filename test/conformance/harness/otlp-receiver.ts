import http from 'node:http';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { now, sleep } from './ports.js';

/**
 * A real OTLP/HTTP receiver: decodes the official protobuf messages (the OpenTelemetry project's
 * generated code for opentelemetry-proto) and keeps flattened records the checks can query.
 * JSON-encoded exports are refused with 415: the contract asks for `http/protobuf` (C31).
 */
const SERVICES = {
  '/v1/traces': 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  '/v1/metrics': 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  '/v1/logs': 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
} as const;
type SignalPath = keyof typeof SERVICES;

export type AttributeValue =
  string | number | boolean | Uint8Array | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;
export type AttributeKind =
  'string' | 'int' | 'double' | 'bool' | 'bytes' | 'array' | 'kvlist' | 'empty';

export type SpanKind = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
export type SpanStatusCode = 'UNSET' | 'OK' | 'ERROR';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  status: { code: SpanStatusCode; message: string };
  attributes: Attributes;
  attributeKinds: Record<string, AttributeKind>;
  events: { name: string; attributes: Attributes }[];
  resource: Attributes;
  scope: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  /** Runner monotonic ms when the export arrived. */
  receivedAt: number;
}

export interface ExportRequestRecord {
  path: string;
  contentType: string;
  contentEncoding: string;
  status: number;
  receivedAt: number;
  /** service.name of every resource in the request (all signals). */
  serviceNames: string[];
}

export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  readonly spans: ReceivedSpan[];
  readonly requests: ExportRequestRecord[];
  /** Metric names per export (OTLP metrics push). */
  readonly metricExports: { serviceNames: string[]; metricNames: string[] }[];
  readonly logExports: { serviceNames: string[]; bodies: string[] }[];
  waitForSpans(
    predicate: (span: ReceivedSpan) => boolean,
    options?: { min?: number; timeoutMs?: number },
  ): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

/** A protobufjs static message class, as generated from the official .proto files. */
export interface StaticMessage {
  decode(body: Uint8Array): unknown;
  toObject(message: unknown, options: object): unknown;
  fromObject(object: object): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}

/**
 * The official OTLP messages, compiled by the OpenTelemetry JS project from opentelemetry-proto
 * (protobufjs static code shipped in @opentelemetry/otlp-transformer 0.57; later releases replaced
 * it with a write-only serializer). Used here for decoding only.
 */
const generatedRoot = createRequire(import.meta.url)(
  '@opentelemetry/otlp-transformer/build/src/generated/root.js',
) as Record<string, unknown>;

export function lookupType(fullName: string): StaticMessage {
  let node: unknown = generatedRoot;
  for (const part of fullName.split('.')) node = (node as Record<string, unknown>)[part];
  if (!node) throw new Error(`OTLP message ${fullName} not found in the generated root`);
  return node as StaticMessage;
}

const hex = (bytes: unknown): string =>
  bytes instanceof Uint8Array ? Buffer.from(bytes).toString('hex') : '';

interface AnyValueObject {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  bytesValue?: Uint8Array;
  arrayValue?: { values?: AnyValueObject[] };
  kvlistValue?: { values?: KeyValueObject[] };
}
interface KeyValueObject {
  key: string;
  value?: AnyValueObject;
}

function anyValue(value: AnyValueObject | undefined): [AttributeValue, AttributeKind] {
  switch (value?.value) {
    case 'stringValue':
      return [value.stringValue ?? '', 'string'];
    case 'boolValue':
      return [value.boolValue ?? false, 'bool'];
    case 'intValue':
      return [Number(value.intValue ?? 0), 'int'];
    case 'doubleValue':
      return [value.doubleValue ?? 0, 'double'];
    case 'bytesValue':
      return [value.bytesValue ?? new Uint8Array(), 'bytes'];
    case 'arrayValue':
      return [(value.arrayValue?.values ?? []).map((item) => anyValue(item)[0]), 'array'];
    case 'kvlistValue':
      return [flattenAttributes(value.kvlistValue?.values).attributes, 'kvlist'];
    default:
      return ['', 'empty'];
  }
}

function flattenAttributes(list: KeyValueObject[] | undefined): {
  attributes: Attributes;
  kinds: Record<string, AttributeKind>;
} {
  const attributes: Attributes = {};
  const kinds: Record<string, AttributeKind> = {};
  for (const { key, value } of list ?? []) {
    const [flat, kind] = anyValue(value);
    attributes[key] = flat;
    kinds[key] = kind;
  }
  return { attributes, kinds };
}

interface ResourceScoped<T> {
  resource?: { attributes?: KeyValueObject[] };
  scopeSpans?: { scope?: { name?: string }; spans?: T[] }[];
  scopeMetrics?: { metrics?: { name: string }[] }[];
  scopeLogs?: { logRecords?: { body?: AnyValueObject }[] }[];
}
interface SpanObject {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: string;
  status?: { code?: string; message?: string };
  attributes?: KeyValueObject[];
  events?: { name?: string; attributes?: KeyValueObject[] }[];
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
}

const stripPrefix = (value: string | undefined, prefix: string, fallback: string): string =>
  value === undefined ? fallback : value.replace(prefix, '');

export function flattenTraceRequest(
  request: { resourceSpans?: ResourceScoped<SpanObject>[] },
  receivedAt: number,
): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = flattenAttributes(resourceSpans.resource?.attributes).attributes;
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const { attributes, kinds } = flattenAttributes(span.attributes);
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: span.name ?? '',
          kind: stripPrefix(span.kind, 'SPAN_KIND_', 'UNSPECIFIED') as SpanKind,
          status: {
            code: stripPrefix(span.status?.code, 'STATUS_CODE_', 'UNSET') as SpanStatusCode,
            message: span.status?.message ?? '',
          },
          attributes,
          attributeKinds: kinds,
          events: (span.events ?? []).map((event) => ({
            name: event.name ?? '',
            attributes: flattenAttributes(event.attributes).attributes,
          })),
          resource,
          scope: scopeSpans.scope?.name ?? '',
          startTimeUnixNano: BigInt(span.startTimeUnixNano ?? '0'),
          endTimeUnixNano: BigInt(span.endTimeUnixNano ?? '0'),
          receivedAt,
        });
      }
    }
  }
  return spans;
}

const serviceNamesOf = (resources: ResourceScoped<unknown>[] | undefined): string[] =>
  (resources ?? []).map((r) =>
    String(flattenAttributes(r.resource?.attributes).attributes['service.name'] ?? ''),
  );

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = (request.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return zlib.gunzipSync(raw);
  if (encoding === 'deflate') return zlib.inflateSync(raw);
  return raw;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: ExportRequestRecord[] = [];
  const metricExports: OtlpReceiver['metricExports'] = [];
  const logExports: OtlpReceiver['logExports'] = [];
  const toObjectOptions = { longs: String, enums: String, oneofs: true } as const;

  const server = http.createServer((request, response) => {
    const receivedAt = now();
    const signal = (request.url ?? '').split('?')[0] as SignalPath;
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    const record: ExportRequestRecord = {
      path: signal,
      contentType,
      contentEncoding: request.headers['content-encoding'] ?? '',
      status: 0,
      receivedAt,
      serviceNames: [],
    };
    requests.push(record);
    const reply = (status: number): void => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/x-protobuf' });
      response.end();
    };
    if (request.method !== 'POST' || !(signal in SERVICES)) {
      request.resume();
      reply(404);
      return;
    }
    if (!contentType.startsWith('application/x-protobuf')) {
      request.resume();
      reply(415);
      return;
    }
    readBody(request)
      .then((body) => {
        const type = lookupType(SERVICES[signal]);
        const message = type.toObject(type.decode(body), toObjectOptions) as {
          resourceSpans?: ResourceScoped<SpanObject>[];
          resourceMetrics?: ResourceScoped<unknown>[];
          resourceLogs?: ResourceScoped<unknown>[];
        };
        if (signal === '/v1/traces') {
          record.serviceNames = serviceNamesOf(message.resourceSpans);
          spans.push(...flattenTraceRequest(message, receivedAt));
        } else if (signal === '/v1/metrics') {
          record.serviceNames = serviceNamesOf(message.resourceMetrics);
          metricExports.push({
            serviceNames: record.serviceNames,
            metricNames: (message.resourceMetrics ?? []).flatMap((rm) =>
              (rm.scopeMetrics ?? []).flatMap((sm) => (sm.metrics ?? []).map((m) => m.name)),
            ),
          });
        } else {
          record.serviceNames = serviceNamesOf(message.resourceLogs);
          logExports.push({
            serviceNames: record.serviceNames,
            bodies: (message.resourceLogs ?? []).flatMap((rl) =>
              (rl.scopeLogs ?? []).flatMap((sl) =>
                (sl.logRecords ?? []).map((lr) => String(anyValue(lr.body)[0])),
              ),
            ),
          });
        }
        reply(200);
      })
      .catch(() => reply(400));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no port');

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    spans,
    requests,
    metricExports,
    logExports,
    async waitForSpans(predicate, { min = 1, timeoutMs = 10_000 } = {}) {
      const deadline = now() + timeoutMs;
      for (;;) {
        const matching = spans.filter(predicate);
        if (matching.length >= min || now() >= deadline) return matching;
        await sleep(50);
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
