/**
 * Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
 * generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
 * Never enable them in production: they sleep, fail and call out on request.
 *
 * A Nest controller like any module's, so the suite exercises the same path as business routes:
 * Fastify hooks, then Nest's pipes and exception filter.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Module,
  Param,
  Post,
  Query,
  Req,
  type DynamicModule,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { Database } from '../database/database.ts';
import { Deadline } from '../http/deadline.ts';

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

const FIXTURE_OPTIONS = Symbol('ConformanceFixtureOptions');

interface FixtureOptions {
  readonly db: Database;
  readonly outboundAllow: RegExp;
}

// Size in bytes of each JSON request body, recorded by the parser below (the echo fixture reports
// it; the body itself is never logged or echoed).
const jsonBodyBytes = new WeakMap<object, number>();

/**
 * Fastify's default JSON parser, also recording the body's size. Nest serves every route from the
 * root Fastify context, so this cannot be scoped to the fixtures as on plain Fastify: while the
 * fixtures are mounted, every JSON body goes through it (parsed exactly as before).
 */
function recordJsonBodyBytes(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    jsonBodyBytes.set(request.raw, Buffer.byteLength(text));
    void parseJson(request, text, done);
  });
}

@Controller('__conformance')
class ConformanceFixturesController {
  constructor(@Inject(FIXTURE_OPTIONS) private readonly options: FixtureOptions) {}

  // The deadline (504) or the client leaving aborts the sleep; the response is already sent then.
  @Get('sleep')
  async sleep(
    @Query({ schema: sleepQuery }) query: z.infer<typeof sleepQuery>,
    @Deadline() signal: AbortSignal,
  ): Promise<{ slept: number }> {
    const ms = Math.min(query.ms, MAX_SLEEP_MS);
    await sleep(ms, undefined, { signal });
    return { slept: ms };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Req() request: FastifyRequest): { bytes: number } {
    return { bytes: jsonBodyBytes.get(request.raw) ?? 0 };
  }

  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get('error')
  error(): never {
    throw new Error('conformance fixture: deliberate failure');
  }

  @Get('db')
  async db(
    @Query({ schema: dbQuery }) query: z.infer<typeof dbQuery>,
    @Deadline() signal: AbortSignal,
  ): Promise<{ slept_ms: number }> {
    const ms = Math.min(query.sleep_ms, MAX_SLEEP_MS);
    await this.options.db.query('SELECT pg_sleep($1)', [ms / 1000], { signal });
    return { slept_ms: ms };
  }

  // Session settings as the server sees them (contract C67).
  @Get('db/settings')
  async dbSettings(@Deadline() signal: AbortSignal): Promise<Record<string, string>> {
    const { rows } = await this.options.db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')`,
      [],
      { signal },
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  }

  // Global fetch is undici, instrumented by @opentelemetry/instrumentation-undici: the call gets
  // a CLIENT span and W3C traceparent/tracestate/baggage headers.
  @Get('outbound')
  async outbound(
    @Query({ schema: outboundQuery }) { target }: z.infer<typeof outboundQuery>,
    @Deadline() signal: AbortSignal,
  ): Promise<{ upstream_status: number }> {
    if (!URL.canParse(target) || !this.options.outboundAllow.test(target)) {
      throw new ForbiddenException('Target not allowed.');
    }
    const response = await fetch(target, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
    });
    await response.arrayBuffer();
    return { upstream_status: response.status };
  }
}

@Module({})
class ConformanceFixturesModule {}

/**
 * The fixture routes under /__conformance as a Nest module to import, or none when
 * CONFORMANCE_FIXTURES is not `true`. Call before Nest registers its routes (app.init()).
 */
export function registerConformanceFixtures(
  app: FastifyInstance,
  { db, env = process.env }: { db: Database; env?: NodeJS.ProcessEnv },
): DynamicModule[] {
  const parsed = fixtureEnv.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  if (parsed.data.CONFORMANCE_FIXTURES !== 'true') return [];
  app.log.warn(
    'conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)',
  );
  recordJsonBodyBytes(app);
  const options: FixtureOptions = {
    db,
    outboundAllow: new RegExp(parsed.data.CONFORMANCE_OUTBOUND_ALLOW),
  };
  return [
    {
      module: ConformanceFixturesModule,
      controllers: [ConformanceFixturesController],
      providers: [{ provide: FIXTURE_OPTIONS, useValue: options }],
    },
  ];
}
