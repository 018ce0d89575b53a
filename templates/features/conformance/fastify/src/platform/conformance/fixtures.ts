/**
 * Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
 * generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
 * Never enable them in production: they sleep, fail and call out on request.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { Database } from '../database/database.ts';

const MAX_SLEEP_MS = 120_000;

const fixtureEnv = z.object({
  CONFORMANCE_FIXTURES: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false'),
  // Regex the outbound fixture's target must match; the default matches nothing.
  CONFORMANCE_OUTBOUND_ALLOW: z
    .string()
    .default('(?!)')
    .refine(
      (pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a valid regular expression' },
    ),
});

const sleepQuery = {
  type: 'object',
  required: ['ms'],
  properties: { ms: { type: 'integer', minimum: 0 } },
} as const;

const dbQuery = {
  type: 'object',
  properties: { sleep_ms: { type: 'integer', minimum: 0, default: 0 } },
} as const;

function wasAborted(signal: AbortSignal, error: unknown): boolean {
  return signal.aborted && error === signal.reason;
}

export async function registerConformanceFixtures(
  app: FastifyInstance,
  { db, env = process.env }: { db: Database; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const parsed = fixtureEnv.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  if (parsed.data.CONFORMANCE_FIXTURES !== 'true') return;
  const outboundAllow = new RegExp(parsed.data.CONFORMANCE_OUTBOUND_ALLOW);
  app.log.warn(
    'conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)',
  );

  await app.register(
    async (fixtures) => {
      fixtures.get<{ Querystring: { ms: number } }>(
        '/sleep',
        { schema: { querystring: sleepQuery } },
        async (request) => {
          const ms = Math.min(request.query.ms, MAX_SLEEP_MS);
          try {
            await sleep(ms, undefined, { signal: request.deadline });
          } catch (error) {
            // The deadline already answered (504) or the client left: end quietly.
            if (wasAborted(request.deadline, error)) return undefined;
            throw error;
          }
          return { slept: ms };
        },
      );

      // Reports the body's size in bytes; the body itself is never logged or echoed.
      const parseJson = fixtures.getDefaultJsonParser('error', 'error');
      fixtures.addContentTypeParser(
        'application/json',
        { parseAs: 'string' },
        (request, body, done) => {
          const text = body as string; // parseAs: 'string'
          void parseJson(request, text, (error) => {
            if (error) done(error, undefined);
            else done(null, { bytes: Buffer.byteLength(text) });
          });
        },
      );
      fixtures.post<{ Body: { bytes: number } }>('/echo', async (request) => ({
        bytes: request.body.bytes,
      }));

      fixtures.get<{ Params: { id: string } }>('/items/:id', async (request) => ({
        id: request.params.id,
      }));

      fixtures.get('/error', async () => {
        throw new Error('conformance fixture: deliberate failure');
      });

      fixtures.get<{ Querystring: { sleep_ms: number } }>(
        '/db',
        { schema: { querystring: dbQuery } },
        async (request) => {
          const ms = Math.min(request.query.sleep_ms, MAX_SLEEP_MS);
          await db.query('SELECT pg_sleep($1)', [ms / 1000], { signal: request.deadline });
          return { slept_ms: ms };
        },
      );

      // Session settings as the server sees them (contract C67).
      fixtures.get('/db/settings', async (request) => {
        const { rows } = await db.query<{ name: string; setting: string }>(
          `SELECT name, setting FROM pg_settings
            WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')`,
          [],
          { signal: request.deadline },
        );
        return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
      });

      // Global fetch is undici, instrumented by @opentelemetry/instrumentation-undici: the call
      // gets a CLIENT span and W3C traceparent/tracestate/baggage headers.
      fixtures.get<{ Querystring: { target: string } }>(
        '/outbound',
        {
          schema: {
            querystring: {
              type: 'object',
              required: ['target'],
              properties: { target: { type: 'string' } },
            },
          },
        },
        async (request, reply) => {
          const { target } = request.query;
          if (!URL.canParse(target) || !outboundAllow.test(target)) {
            return reply.code(403).type('application/problem+json').send({
              type: 'about:blank',
              title: 'Forbidden',
              status: 403,
              detail: 'Target not allowed.',
            });
          }
          const response = await fetch(target, {
            signal: AbortSignal.any([request.deadline, AbortSignal.timeout(10_000)]),
          });
          await response.arrayBuffer();
          return { upstream_status: response.status };
        },
      );
    },
    { prefix: '/__conformance' },
  );
}
