import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { problemViolations } from './harness/assertions.js';
import { SERVICE_NAME } from './harness/contract.js';
import { attempt } from './harness/http-client.js';
import { parsePgClientTraffic, requestedSetting, settingMs } from './harness/pg-wire.js';
import { now, sleep } from './harness/ports.js';
import { APP_DB, appSessions } from './harness/postgres.js';
import { registerChecks } from './harness/results.js';
import { conformanceRows } from './harness/rows.js';
import { useStack, type Launched } from './harness/stack.js';

/** contract §2.8 Database (C65-C68). */
const run = promisify(execFile);

/** Sessions of this instance only: the proxy knows the ports it opened towards PostgreSQL. */
async function instanceSessions(launched: Launched, pg: Parameters<typeof appSessions>[0]) {
  const ports = new Set(launched.proxy.connections().map((c) => c.upstreamLocalPort));
  return (await appSessions(pg)).filter((s) => ports.has(s.client_port ?? -1));
}

describe.each(conformanceRows().map((target) => [target.label, target] as const))(
  '%s: database',
  (_id, target) => {
    const stack = useStack(target, 'database');
    const checks = registerChecks(target.label, 'database');

    checks.should(
      'C68',
      'no migrations on start; migrations are a separate command',
      async (ctx) => {
        const appTables = async () =>
          Number(
            (
              await stack().pg.query<{ n: string }>(
                `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
                [],
                APP_DB.database,
              )
            )[0]?.n ?? 0,
          );
        const launched = await stack().launch();
        await launched.http('/__conformance/db?sleep_ms=1');
        const afterStart = await appTables();
        await launched.stop();
        const [command, ...args] = target.commands.migrate as [string, ...string[]];
        const migrate = await run(command, args, {
          cwd: stack().project.dir,
          // The app's env, but straight to PostgreSQL: the instance (and its proxy) is gone by now.
          env: { ...launched.app.env, DATABASE_URL: stack().pg.appUrl() },
          timeout: 60_000,
        }).then(
          () => 'exit 0',
          (error: Error & { code?: number }) =>
            `exit ${error.code ?? '?'}: ${error.message.split('\n')[0]}`,
        );
        const afterMigrate = await appTables();
        ctx.figure(
          `tables after start: ${afterStart}; \`${target.commands.migrate.join(' ')}\` → ${migrate}, tables after: ${afterMigrate}`,
        );
        expect({ afterStart, migrate }).toEqual({ afterStart: 0, migrate: 'exit 0' });
      },
    );

    checks.must(
      'C65',
      'bounded pool (DB_POOL_MAX=2, DB_POOL_ACQUIRE_TIMEOUT_MS=500)',
      async (ctx) => {
        const launched = await stack().launch({
          env: { DB_POOL_MAX: '2', DB_POOL_ACQUIRE_TIMEOUT_MS: '500' },
        });
        let maxSessions = 0;
        let maxNamed = 0;
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const sessions = await instanceSessions(launched, stack().pg);
            maxSessions = Math.max(maxSessions, sessions.length);
            maxNamed = Math.max(
              maxNamed,
              (await appSessions(stack().pg)).filter((s) => s.application_name === SERVICE_NAME)
                .length,
            );
            await sleep(50);
          }
        })();
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            attempt(launched.app.port, '/__conformance/db?sleep_ms=2000', { timeoutMs: 15_000 }),
          ),
        );
        sampling = false;
        await sampler;
        await launched.stop();
        const responses = results.flatMap((r) => (r.response ? [r.response] : []));
        const ok = responses.filter((r) => r.status === 200);
        const refused = responses.filter((r) => r.status !== 200);
        const badRefusals = refused.filter(
          (r) => r.status !== 503 || r.elapsedMs > 1000 || problemViolations(r).length > 0,
        );
        ctx.figure(
          `${ok.length} × 200, ${refused.length} × 503 (slowest ${Math.round(Math.max(0, ...refused.map((r) => r.elapsedMs)))} ms); max ${maxSessions} sessions`,
        );
        expect({
          networkErrors: results.filter((r) => r.error).length,
          maxSessionsAtMost2: maxSessions <= 2 && maxNamed <= 2,
          someServed: ok.length > 0,
          badRefusals: badRefusals.map((r) => `${r.status} after ${Math.round(r.elapsedMs)} ms`),
        }).toEqual({
          networkErrors: 0,
          maxSessionsAtMost2: true,
          someServed: true,
          badRefusals: [],
        });
      },
      60_000,
    );

    checks.must(
      'C66',
      'statement timeout (DB_STATEMENT_TIMEOUT_MS=1000)',
      async (ctx) => {
        const launched = await stack().launch({ env: { DB_STATEMENT_TIMEOUT_MS: '1000' } });
        const slow = await launched.http('/__conformance/db?sleep_ms=5000');
        const [server] = await launched.receiver.waitForSpans(
          (s) => s.kind === 'SERVER' && s.attributes['url.path'] === '/__conformance/db',
          { timeoutMs: 5000 },
        );
        await sleep(500);
        const dbSpan = launched.receiver.spans.find(
          (s) =>
            s.kind === 'CLIENT' &&
            s.traceId === server?.traceId &&
            String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '').includes(
              'pg_sleep',
            ),
        );
        const next = await launched.http('/__conformance/db?sleep_ms=10');
        const serverLog = await stack().pg.serverLog();
        const spanSummary =
          dbSpan === undefined
            ? 'no pg_sleep CLIENT span'
            : `error.type=${String(dbSpan.attributes['error.type'])}, status ${dbSpan.status.code}, keys ${Object.keys(dbSpan.attributes).join(',')}`;
        ctx.figure(
          `${slow.status} after ${Math.round(slow.elapsedMs)} ms; db span ${spanSummary}; next ${next.status}`,
        );
        ctx.should(
          'C66.server',
          'the timeout fired inside PostgreSQL',
          /canceling statement due to statement timeout/.test(serverLog),
          'server log',
        );
        await launched.stop();
        expect({
          status: [503, 504].includes(slow.status),
          within2s: slow.elapsedMs <= 2000,
          dbSpanErrorType: dbSpan?.attributes['error.type'] !== undefined,
          next: next.status,
        }).toEqual({ status: true, within2s: true, dbSpanErrorType: true, next: 200 });
      },
      60_000,
    );

    checks.must(
      'C67',
      'session settings (application_name, statement_timeout, idle_in_transaction_session_timeout)',
      async (ctx) => {
        const launched = await stack().launch({
          env: { DB_STATEMENT_TIMEOUT_MS: '4321', DB_IDLE_IN_TX_TIMEOUT_MS: '8765' },
        });
        await launched.http('/__conformance/db?sleep_ms=1');
        const started = now();
        let sessions = await instanceSessions(launched, stack().pg);
        while (sessions.length === 0 && now() - started < 2000) {
          await launched.http('/__conformance/db?sleep_ms=300');
          sessions = await instanceSessions(launched, stack().pg);
        }
        const live = new Set(sessions.map((s) => s.client_port));
        const settings = launched.proxy
          .connections()
          .filter((c) => live.has(c.upstreamLocalPort ?? -1))
          .map((c) => {
            const traffic = parsePgClientTraffic(c.clientPrefix);
            return {
              statementTimeout: settingMs(requestedSetting(traffic, 'statement_timeout')),
              idleInTx: settingMs(requestedSetting(traffic, 'idle_in_transaction_session_timeout')),
            };
          });
        await launched.stop();
        ctx.figure(
          `${sessions.length} session(s): ${JSON.stringify(settings)}; names ${[...new Set(sessions.map((s) => s.application_name))].join(',')}`,
        );
        expect({
          sessions: sessions.length > 0,
          names: [...new Set(sessions.map((s) => s.application_name))],
          settings: [...new Set(settings.map((s) => JSON.stringify(s)))],
        }).toEqual({
          sessions: true,
          names: [SERVICE_NAME],
          settings: [JSON.stringify({ statementTimeout: 4321, idleInTx: 8765 })],
        });
      },
    );
  },
);
