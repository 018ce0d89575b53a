import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Aborts when the response deadline (REQUEST_TIMEOUT_MS) passes or the client disconnects.
     * Pass it to database queries and outbound calls so abandoned work stops.
     *
     * Not Fastify's `request.signal`: in Fastify 5.12 that one also aborts as soon as a request
     * body has been read, which would cancel every POST handler's queries.
     */
    deadline: AbortSignal;
  }
}

export class DeadlineExceededError extends Error {
  constructor(timeoutMs: number) {
    super(`request deadline of ${timeoutMs} ms exceeded`);
    this.name = 'DeadlineExceededError';
  }
}

export class ClientClosedRequestError extends Error {
  constructor() {
    super('client closed the connection before the response was sent');
    this.name = 'ClientClosedRequestError';
  }
}

export class ResponseEndedError extends Error {
  constructor() {
    super('the response was already sent; work still running for it is abandoned');
    this.name = 'ResponseEndedError';
  }
}

/** Echoes the request id and gives every request its deadline signal. */
export function registerRequestContext(app: FastifyInstance, requestTimeoutMs: number): void {
  app.decorateRequest('deadline', null as unknown as AbortSignal);

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DeadlineExceededError(requestTimeoutMs)),
      requestTimeoutMs,
    );
    reply.raw.once('close', () => {
      clearTimeout(timer);
      // Once the response is over, whatever the handler still runs is abandoned work: the client
      // left, or Fastify's own handlerTimeout already answered 504 a moment before our timer.
      if (!controller.signal.aborted) {
        controller.abort(
          reply.raw.writableFinished ? new ResponseEndedError() : new ClientClosedRequestError(),
        );
      }
    });
    request.deadline = controller.signal;
    done();
  });
}
