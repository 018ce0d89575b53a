import type { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv, RequestLogger } from './app-env.ts';
import { DeadlineExceededError } from './deadline.ts';
import { problem, problemResponse, toProblem } from './problem-details.ts';

/**
 * Every error leaves as RFC 9457 problem+json without internals (no stack, SQL, class names or
 * versions); the log line keeps the full exception. Unknown paths get 404, known paths with
 * another method 405 + Allow (hono/method-not-allowed; Hono itself answers 404 for both).
 */
export function registerErrorHandling<E extends AppEnv>(app: Hono<E>, logger: RequestLogger): void {
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(c, problem(405), { allow: methods.join(', ') }),
    }),
  );

  app.notFound((c) => problemResponse(c, problem(404)));

  app.onError((error, c) => {
    // Set by the platform middleware, unless the error happened before it ran.
    const variables: Partial<AppEnv['Variables']> = c.var;
    const log = variables.logger ?? logger;
    const { deadline } = variables;
    // Work that outlived its request (the deadline answered, or the client left) ends on the
    // aborted signal; nobody reads this response, so it is only worth a debug line.
    if (deadline?.aborted && (c.finalized || !(error instanceof DeadlineExceededError))) {
      log.debug({ err: error }, 'abandoned request work ended');
      return problemResponse(c, problem(504));
    }
    const { problem: details, headers, log: level } = toProblem(error);
    if (level === 'error') log.error({ err: error }, 'request failed');
    if (level === 'warn') log.warn({ err: error }, details.detail ?? details.title);
    return problemResponse(c, details, headers);
  });
}
