import { metrics } from '@opentelemetry/api';
import type { CloseReason, Transport } from './connection.ts';

export interface RealtimeMetrics {
  opened(transport: Transport): void;
  /** `reason` is `client` when the client left on its own. */
  closed(transport: Transport, reason: CloseReason | 'client'): void;
  received(transport: Transport): void;
  sent(transport: Transport): void;
  /** A message not delivered because the connection's send buffer was over the limit. */
  dropped(transport: Transport): void;
}

/**
 * realtime.connections (open now), realtime.messages.in / .out / .dropped and
 * realtime.disconnects{reason}; Prometheus: realtime_connections, realtime_messages_in_total,
 * realtime_messages_out_total, realtime_messages_dropped_total, realtime_disconnects_total.
 * Created after the OpenTelemetry SDK started (telemetry.ts runs first), so they reach its exporter.
 */
export function openTelemetryRealtimeMetrics(): RealtimeMetrics {
  const meter = metrics.getMeter('realtime');
  const connections = meter.createUpDownCounter('realtime.connections', {
    description: 'Open real-time connections (WebSocket and Server-Sent Events)',
    unit: '{connection}',
  });
  const disconnects = meter.createCounter('realtime.disconnects', {
    description:
      'Real-time connections ended, by reason (client, shutdown, backpressure, heartbeat)',
    unit: '{connection}',
  });
  const messagesIn = meter.createCounter('realtime.messages.in', {
    description: 'Messages received from clients',
    unit: '{message}',
  });
  const messagesOut = meter.createCounter('realtime.messages.out', {
    description: 'Messages queued for clients',
    unit: '{message}',
  });
  const messagesDropped = meter.createCounter('realtime.messages.dropped', {
    description:
      'Messages not delivered because the client read too slowly (its connection is closed)',
    unit: '{message}',
  });
  return {
    opened: (transport) => connections.add(1, { transport }),
    closed: (transport, reason) => {
      connections.add(-1, { transport });
      disconnects.add(1, { transport, reason });
    },
    received: (transport) => messagesIn.add(1, { transport }),
    sent: (transport) => messagesOut.add(1, { transport }),
    dropped: (transport) => messagesDropped.add(1, { transport }),
  };
}
