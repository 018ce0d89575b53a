/**
 * Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
 * generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
 * Never enable them in production: they sleep, fail and call out on request.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Router, type Express } from 'express';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { Database } from '../database/database.ts';
import { HttpError } from '../http/http-error.ts';
import { parseRequest } from '../http/validation.ts';
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

function wasAborted(signal: AbortSignal, error: unknown): boolean {
  return signal.aborted && error === signal.reason;
}

export function registerConformanceFixtures(
  app: Express,
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

  const fixtures = Router();

  fixtures.get('/sleep', async (req, res) => {
    const ms = Math.min(parseRequest(sleepQuery, req.query, 'querystring').ms, MAX_SLEEP_MS);
    try {
      await sleep(ms, undefined, { signal: req.deadline });
    } catch (error) {
      // The deadline already answered (504) or the client left: end quietly.
      if (wasAborted(req.deadline, error)) return;
      throw error;
    }
    res.json({ slept: ms });
  });

  // Reports the body's size in bytes (its compact JSON form, as the suite sends it); the body
  // itself is never logged or echoed. Media type and size limit are the platform's (json-body.ts).
  fixtures.post('/echo', (req, res) => {
    const bytes = req.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(req.body));
    res.json({ bytes });
  });

  fixtures.get('/items/:id', (req, res) => {
    res.json({ id: req.params.id });
  });

  fixtures.get('/error', () => {
    throw new Error('conformance fixture: deliberate failure');
  });

  fixtures.get('/db', async (req, res) => {
    const { sleep_ms } = parseRequest(dbQuery, req.query, 'querystring');
    const ms = Math.min(sleep_ms, MAX_SLEEP_MS);
    await db.query('SELECT pg_sleep($1)', [ms / 1000], { signal: req.deadline });
    res.json({ slept_ms: ms });
  });

  // Session settings as the server sees them (contract C67).
  fixtures.get('/db/settings', async (req, res) => {
    const { rows } = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')`,
      [],
      { signal: req.deadline },
    );
    res.json(Object.fromEntries(rows.map((row) => [row.name, row.setting])));
  });

  // Global fetch is undici, instrumented by @opentelemetry/instrumentation-undici: the call
  // gets a CLIENT span and W3C traceparent/tracestate/baggage headers.
  fixtures.get('/outbound', async (req, res) => {
    const { target } = parseRequest(outboundQuery, req.query, 'querystring');
    if (!URL.canParse(target) || !outboundAllow.test(target)) {
      throw new HttpError(403, 'Target not allowed.');
    }
    const response = await fetch(target, {
      signal: AbortSignal.any([req.deadline, AbortSignal.timeout(10_000)]),
    });
    await response.arrayBuffer();
    res.json({ upstream_status: response.status });
  });

  app.use('/__conformance', fixtures);
}
