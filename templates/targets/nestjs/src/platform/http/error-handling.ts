import { METHODS, STATUS_CODES } from 'node:http';
import {
  Catch,
  HttpException,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';
import {
  PROBLEM_MEDIA_TYPE,
  toProblem,
  type ProblemDetails,
  type ProblemResponse,
} from './problem-details.ts';

/** The methods served at a path; empty when no route matches it. */
export type AllowedMethods = (path: string) => readonly string[];

/**
 * Mirrors the route table to tell 405 from 404 (the router answers "not found" for both). Call it
 * before Nest registers its routes (`app.init()`), so that every route passes through the hook.
 */
export function trackAllowedMethods(app: FastifyInstance): AllowedMethods {
  const routes = FindMyWay({ caseSensitive: true });
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return; // catch-all routes (CORS preflight) would match everything
    for (const method of [route.method].flat()) {
      if (routes.find(method as FindMyWay.HTTPMethod, route.url) === null) {
        routes.on(method as FindMyWay.HTTPMethod, route.url, () => undefined);
      }
    }
  });
  return (path) =>
    METHODS.filter((method) => routes.find(method as FindMyWay.HTTPMethod, path) !== null);
}

/** An HttpException's own message, when application code gave it one (never for 5xx). */
function clientDetail(exception: HttpException): string | undefined {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (status >= 500 || typeof response !== 'object') return undefined;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' && message !== STATUS_CODES[status] ? message : undefined;
}

/** What the client gets for an exception, and the error worth logging. */
function problemFor(exception: unknown): ProblemResponse & { error: unknown } {
  if (!(exception instanceof HttpException)) return { ...toProblem(exception), error: exception };
  // Nest wraps Fastify's own client errors (FST_ERR_CTP_*, ...): map the original, whose code
  // has a fixed, safe detail.
  const { cause } = exception;
  if (cause instanceof Error && 'statusCode' in cause) return { ...toProblem(cause), error: cause };
  const mapped = toProblem({ statusCode: exception.getStatus() });
  const detail = clientDetail(exception);
  return {
    ...mapped,
    problem: detail === undefined ? mapped.problem : { ...mapped.problem, detail },
    error: exception,
  };
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails): void {
  void reply
    .code(problem.status)
    .type(PROBLEM_MEDIA_TYPE)
    .send({ ...problem, request_id: request.id });
}

/**
 * Every error leaves as RFC 9457 problem+json without internals (no stack, SQL, class names or
 * versions); the log line keeps the full exception. Catches everything Nest routes to exception
 * filters: errors of handlers, pipes and guards, errors of Fastify hooks (traffic control, body
 * parsing) and unknown paths, which get 404, or 405 + Allow when another method is served there.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly allowedMethods: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent || request.raw.destroyed) {
      // The deadline answered 504 or the client left: the abandoned work failing is expected.
      // (No deadline yet when the request failed before the platform's hooks ran.)
      if (request.deadline?.aborted !== true) {
        request.log.warn({ err: exception }, 'error after the response ended');
      }
      return;
    }
    if (request.is404 && exception instanceof NotFoundException) {
      this.routeNotFound(request, reply);
      return;
    }
    const { problem, headers, log, error } = problemFor(exception);
    if (log === 'error') request.log.error({ err: error }, 'request failed');
    if (log === 'warn') request.log.warn({ err: error }, problem.detail ?? problem.title);
    reply.headers(headers);
    sendProblem(request, reply, problem);
  }

  private routeNotFound(request: FastifyRequest, reply: FastifyReply): void {
    const allowed = this.allowedMethods(request.url.split('?', 1)[0] ?? '/');
    if (allowed.length === 0) {
      sendProblem(request, reply, { type: 'about:blank', title: 'Not Found', status: 404 });
      return;
    }
    reply.header('allow', allowed.join(', '));
    sendProblem(request, reply, { type: 'about:blank', title: 'Method Not Allowed', status: 405 });
  }
}
