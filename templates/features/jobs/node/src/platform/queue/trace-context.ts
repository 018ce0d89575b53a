import { context, propagation, type Context } from '@opentelemetry/api';

/** W3C trace context (traceparent, tracestate, baggage) as it travels inside a job's data. */
export type TraceCarrier = Record<string, string>;

/** The enqueuing request's context (the active one by default), to store with the job. */
export function currentTraceCarrier(from: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context to start the job's span in, so that it joins the trace of whoever enqueued it. */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier === undefined ? context.active() : propagation.extract(context.active(), carrier);
}
