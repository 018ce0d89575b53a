import { METHODS } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';
import { PROBLEM_MEDIA_TYPE, toProblem, type ProblemDetails } from './problem-details.ts';

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails) {
  return reply
    .code(problem.status)
    .type(PROBLEM_MEDIA_TYPE)
    .send({ ...problem, request_id: request.id });
}

/**
 * Every error leaves as RFC 9457 problem+json without internals (no stack, SQL, class names or
 * versions); the log line keeps the full exception. Unknown paths get 404, known paths with
 * another method 405 + Allow.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  // Mirror of the route table, used only to tell 405 from 404 (Fastify answers 404 for both).
  const routes = FindMyWay({ caseSensitive: true });
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return; // catch-all routes (CORS preflight) would match everything
    for (const method of [route.method].flat()) {
      if (routes.find(method as FindMyWay.HTTPMethod, route.url) === null) {
        routes.on(method as FindMyWay.HTTPMethod, route.url, () => undefined);
      }
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const allowed = METHODS.filter(
      (method) => routes.find(method as FindMyWay.HTTPMethod, path) !== null,
    );
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, {
        type: 'about:blank',
        title: 'Method Not Allowed',
        status: 405,
      });
    }
    return sendProblem(request, reply, { type: 'about:blank', title: 'Not Found', status: 404 });
  });

  app.setErrorHandler((error, request, reply) => {
    const { problem, headers, log } = toProblem(error);
    if (log === 'error') request.log.error({ err: error }, 'request failed');
    if (log === 'warn') request.log.warn({ err: error }, problem.detail ?? problem.title);
    reply.headers(headers);
    return sendProblem(request, reply, problem);
  });
}
