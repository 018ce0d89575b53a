/** One log method: a message, or fields and a message (pino's calling convention). */
export interface LogMethod {
  (message: string): void;
  (fields: object, message?: string): void;
}

/**
 * The part of pino's Logger that request handling uses. The Node service passes pino itself;
 * an entry without pino (the edge) passes its own implementation.
 */
export interface RequestLogger {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
  child(bindings: Record<string, unknown>): RequestLogger;
}

/**
 * The Hono environment of every app and sub-app: what the platform middleware stores on each
 * request's context. Read it with `c.get('deadline')`, `c.get('logger')`, `c.get('requestId')`.
 */
export interface AppEnv {
  Variables: {
    /** X-Request-Id: the inbound one when valid, else a new UUID; echoed on the response. */
    requestId: string;
    /** The application logger bound to `request_id` (trace ids come from the pino instrumentation). */
    logger: RequestLogger;
    /**
     * Aborts when the response deadline (REQUEST_TIMEOUT_MS) passes or the client disconnects.
     * Pass it to database queries and outbound calls so abandoned work stops.
     */
    deadline: AbortSignal;
  };
}
