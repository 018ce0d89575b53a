import http from 'node:http';
import zlib from 'node:zlib';
import path from 'node:path';
import pg from 'pg';
import { dockerfileEnv } from './app-process.js';
import { startEchoServer } from './echo-server.js';
import { httpRequest } from './http-client.js';
import { lookupType, startOtlpReceiver } from './otlp-receiver.js';
import { HARNESS_DIR } from './paths.js';
import { parsePgClientTraffic, requestedSetting, settingMs } from './pg-wire.js';
import { now } from './ports.js';
import { appSessions, startPostgres, type PostgresCluster } from './postgres.js';
import { parsePrometheusText, seriesCount } from './prometheus.js';
import { RawConnection } from './raw-http.js';
import { startRedis, type RedisServer } from './redis.js';
import { renderMarkdown, type CheckRecord } from './results.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import fs from 'node:fs';
import os from 'node:os';

/** Self-tests of the harness pieces, so a conformance failure points at the app, not the tools. */

describe('postgres cluster behind the TCP proxy', () => {
  let cluster: PostgresCluster;
  let proxy: TcpProxy;
  beforeAll(async () => {
    cluster = await startPostgres();
    proxy = await startTcpProxy(cluster.port);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await cluster?.destroy();
  });

  const client = (timeoutMs = 2000): pg.Client =>
    new pg.Client({
      connectionString: cluster.appUrl(`127.0.0.1:${proxy.port}`),
      application_name: 'harness-self-test',
      statement_timeout: 1234,
      connectionTimeoutMillis: timeoutMs,
    });

  test('pass: the app role reaches its database; the proxy sees the startup and the session', async () => {
    const c = client();
    await c.connect();
    await c.query('SET idle_in_transaction_session_timeout = 777');
    const rows = await c.query('SELECT current_user AS user, current_database() AS db');
    expect(rows.rows[0]).toEqual({ user: 'app', db: 'app' });
    const sessions = await appSessions(cluster);
    const mine = sessions.filter((s) => s.application_name === 'harness-self-test');
    expect(mine).toHaveLength(1);
    const connection = proxy.connections().at(-1)!;
    expect(mine[0]!.client_port).toBe(connection.upstreamLocalPort);
    const traffic = parsePgClientTraffic(connection.clientPrefix);
    expect(traffic.startupParameters.application_name).toBe('harness-self-test');
    expect(settingMs(requestedSetting(traffic, 'statement_timeout'))).toBe(1234);
    expect(settingMs(requestedSetting(traffic, 'idle_in_transaction_session_timeout'))).toBe(777);
    await c.end();
  });

  test('cut: connections fail at once; pass again: they work', async () => {
    proxy.setMode('cut');
    const started = now();
    await expect(client().connect()).rejects.toThrow();
    expect(now() - started).toBeLessThan(1000);
    proxy.setMode('pass');
    const c = client();
    await c.connect();
    await c.end();
  });

  test('black-hole: a query hangs without an error, then completes when the path reopens', async () => {
    const c = client();
    await c.connect();
    proxy.setMode('black-hole');
    let settled = false;
    const query = c.query('SELECT 42 AS answer').finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(settled).toBe(false);
    await expect(client(500).connect()).rejects.toThrow(/timeout/i);
    proxy.setMode('pass');
    expect((await query).rows[0]).toEqual({ answer: 42 });
    await c.end();
  });

  test('stop/start: the server goes away and comes back on the same port', async () => {
    await cluster.stop();
    await expect(client().connect()).rejects.toThrow();
    await cluster.start();
    const c = client();
    await c.connect();
    await c.end();
  }, 60_000);
});

describe('redis server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.destroy();
  });

  it('answers, stops (connections refused) and starts again on the same port, empty', async () => {
    expect(await redis.command('SET', 'k', 'v')).toBe('+OK');
    expect(await redis.command('DBSIZE')).toBe(':1');
    await redis.stop();
    await expect(redis.command('PING')).rejects.toThrow(/ECONNREFUSED/);
    await redis.start();
    expect(await redis.command('DBSIZE')).toBe(':0');
    expect(redis.url()).toBe(`redis://127.0.0.1:${redis.port}`);
  });
});

describe('OTLP receiver', () => {
  test('decodes an ExportTraceServiceRequest (gzip) into flat spans; refuses JSON', async () => {
    const receiver = await startOtlpReceiver();
    const Request = lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
    const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
    const message = Request.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [kv('service.name', { stringValue: 'conformance-svc' })] },
          scopeSpans: [
            {
              scope: { name: 'test-scope' },
              spans: [
                {
                  traceId: Buffer.from('4bf92f3577b34da6a3ce929d0e0e4736', 'hex'),
                  spanId: Buffer.from('00f067aa0ba902b7', 'hex'),
                  name: 'GET /x',
                  kind: 2,
                  status: { code: 2 },
                  startTimeUnixNano: '1700000000000000000',
                  attributes: [
                    kv('http.response.status_code', { intValue: 200 }),
                    kv('url.path', { stringValue: '/x' }),
                    kv('flag', { boolValue: true }),
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const body = zlib.gzipSync(Buffer.from(Request.encode(message).finish()));
    const url = new URL(receiver.endpoint);
    const response = await httpRequest(Number(url.port), '/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body,
    });
    expect(response.status).toBe(200);
    const [span] = await receiver.waitForSpans(() => true, { timeoutMs: 1000 });
    expect(span).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      parentSpanId: '',
      name: 'GET /x',
      kind: 'SERVER',
      status: { code: 'ERROR' },
      attributes: { 'http.response.status_code': 200, 'url.path': '/x', flag: true },
      attributeKinds: { 'http.response.status_code': 'int', 'url.path': 'string', flag: 'bool' },
      resource: { 'service.name': 'conformance-svc' },
      scope: 'test-scope',
    });
    const json = await httpRequest(Number(url.port), '/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    await receiver.close();
  });
});

describe('HTTP helpers', () => {
  test('raw connection: keep-alive reuse, chunked bodies, close detection', async () => {
    const server = http.createServer((request, response) => {
      if (request.url === '/chunked') {
        response.write('ab');
        response.end('cd');
      } else response.end('plain');
    });
    server.keepAliveTimeout = 300;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const connection = await RawConnection.open(port);
    await connection.write(
      'GET /chunked HTTP/1.1\r\nHost: x\r\n\r\nGET /p HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const first = await connection.readResponse();
    const second = await connection.readResponse();
    expect([first.status, first.body.toString(), first.headers['transfer-encoding']]).toEqual([
      200,
      'abcd',
      'chunked',
    ]);
    expect(second.body.toString()).toBe('plain');
    const closed = await connection.waitClosed(3000);
    expect(closed?.how).toBe('end');
    server.close();
  });

  test('echo server records headers and notices a caller that gives up', async () => {
    const echo = await startEchoServer();
    await httpRequest(echo.port, '/?a=1', { headers: { traceparent: 'tp', baggage: 'k=v' } });
    expect(echo.requests[0]!.headers).toMatchObject({ traceparent: 'tp', baggage: 'k=v' });
    await expect(httpRequest(echo.port, '/?delay_ms=2000', { timeoutMs: 200 })).rejects.toThrow(
      /timeout/,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(echo.requests[1]!.clientClosedEarly).toBe(true);
    await echo.close();
  });
});

describe('parsers and recorder', () => {
  test('prometheus text', () => {
    const samples = parsePrometheusText(
      [
        '# TYPE http_server_request_duration_seconds histogram',
        'http_server_request_duration_seconds_bucket{http_route="/a",le="0.005"} 1',
        'http_server_request_duration_seconds_bucket{http_route="/a",le="+Inf"} 3',
        'target_info{service_name="conformance-svc",quote="a\\"b"} 1',
      ].join('\n'),
    );
    expect(samples).toHaveLength(3);
    expect(samples[1]).toEqual({
      name: 'http_server_request_duration_seconds_bucket',
      labels: { http_route: '/a', le: '+Inf' },
      value: 3,
    });
    expect(samples[2]!.labels.quote).toBe('a"b');
    expect(seriesCount(samples)).toBe(3);
  });

  test('Dockerfile ENV of the final stage', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csb-df-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM node AS build\nENV NODE_ENV=development\nFROM node\nENV NODE_ENV=production \\\n    A="x y" B=2\nENV LEGACY value here\n',
    );
    expect(dockerfileEnv(dir)).toEqual({
      NODE_ENV: 'production',
      A: 'x y',
      B: '2',
      LEGACY: 'value here',
    });
    fs.rmSync(dir, { recursive: true });
  });

  test('markdown table orders ids naturally', () => {
    const record = (id: string, pass: boolean): CheckRecord => ({
      id,
      title: 't',
      target: 'x',
      level: 'MUST',
      pass,
      figure: 'a|b',
      detail: '',
      file: 'f',
      at: '',
    });
    const markdown = renderMarkdown(
      'x',
      [record('S07', true), record('C10', false), record('C2', true)],
      [],
    );
    const rows = markdown.split('\n').filter((l) => /^\| [CS]\d/.test(l));
    expect(rows.map((r) => r.split(' ')[1])).toEqual(['C2', 'C10', 'S07']);
    expect(markdown).toContain('1 MUST failing');
    expect(markdown).toContain('a\\|b');
  });
});
