/**
 * Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
 * generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
 * Never enable them in production: they sleep, fail and call out on request.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { Database } from '../database/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problem, problemResponse } from '../http/problem-details.ts';
import { rejectInvalid } from '../http/validation.ts';
import type { Logger } from '../logger.ts';

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

const sleepQuery = z.object({ ms: z.coerce.number().int().min(0) });
const dbQuery = z.object({ sleep_ms: z.coerce.number().int().min(0).default(0) });
const outboundQuery = z.object({ target: z.string() });

export function registerConformanceFixtures(
  app: Hono<AppEnv>,
  { db, logger, env = process.env }: { db: Database; logger: Logger; env?: NodeJS.ProcessEnv },
): void {
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
  logger.warn(
    'conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)',
  );

  const fixtures = new Hono<AppEnv>();

  // When the deadline answers first, the sleep ends on the aborted signal (logged at debug).
  fixtures.get('/sleep', zValidator('query', sleepQuery, rejectInvalid), async (c) => {
    const ms = Math.min(c.req.valid('query').ms, MAX_SLEEP_MS);
    await sleep(ms, undefined, { signal: c.get('deadline') });
    return c.json({ slept: ms });
  });

  // Reports the body's size in bytes; the body itself is never logged or echoed.
  fixtures.post('/echo', zValidator('json', z.unknown(), rejectInvalid), async (c) =>
    c.json({ bytes: Buffer.byteLength(await c.req.text()) }),
  );

  fixtures.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));

  fixtures.get('/error', () => {
    throw new Error('conformance fixture: deliberate failure');
  });

  fixtures.get('/db', zValidator('query', dbQuery, rejectInvalid), async (c) => {
    const ms = Math.min(c.req.valid('query').sleep_ms, MAX_SLEEP_MS);
    await db.query('SELECT pg_sleep($1)', [ms / 1000], { signal: c.get('deadline') });
    return c.json({ slept_ms: ms });
  });

  // Session settings as the server sees them (contract C67).
  fixtures.get('/db/settings', async (c) => {
    const { rows } = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')`,
      [],
      { signal: c.get('deadline') },
    );
    return c.json(Object.fromEntries(rows.map((row) => [row.name, row.setting])));
  });

  // Global fetch is undici, instrumented by @opentelemetry/instrumentation-undici: the call
  // gets a CLIENT span and W3C traceparent/tracestate/baggage headers.
  fixtures.get('/outbound', zValidator('query', outboundQuery, rejectInvalid), async (c) => {
    const { target } = c.req.valid('query');
    if (!URL.canParse(target) || !outboundAllow.test(target)) {
      return problemResponse(c, problem(403, { detail: 'Target not allowed.' }));
    }
    const response = await fetch(target, {
      signal: AbortSignal.any([c.get('deadline'), AbortSignal.timeout(10_000)]),
    });
    await response.arrayBuffer();
    return c.json({ upstream_status: response.status });
  });

  app.route('/__conformance', fixtures);
}
