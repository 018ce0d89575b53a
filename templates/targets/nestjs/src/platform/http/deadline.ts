import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request's deadline signal (see request-context.ts) as a handler parameter:
 * `list(@Deadline() signal: AbortSignal)`. Pass it to database queries and outbound calls, and
 * let the abort error propagate: the response has already been sent by then.
 */
export const Deadline = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AbortSignal =>
    context.switchToHttp().getRequest<FastifyRequest>().deadline,
);
