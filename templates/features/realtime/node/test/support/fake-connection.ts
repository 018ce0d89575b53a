import type {
  CloseReason,
  OutgoingMessage,
  RealtimeConnection,
  Transport,
} from '../../src/platform/realtime/connection.ts';
import type { RealtimeMetrics } from '../../src/platform/realtime/realtime-metrics.ts';

/** A connection whose send buffer the test controls: `buffered` stays as set until `drain()`. */
export interface FakeConnection extends RealtimeConnection {
  readonly received: OutgoingMessage[];
  readonly closedWith: CloseReason[];
  buffered: number;
  /** false: the next heartbeat finds the previous one unanswered. */
  answers: boolean;
  /** Shutdown closes are taken at once unless this is false (a client that never reads). */
  acknowledgesClose: boolean;
}

let next = 0;

export function fakeConnection(
  channels: string[],
  {
    transport = 'websocket',
    messageBytes = 0,
  }: { transport?: Transport; messageBytes?: number } = {},
): FakeConnection {
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const connection: FakeConnection = {
    id: `fake-${(next += 1)}`,
    transport,
    subject: 'tester',
    channels: new Set(channels),
    closed,
    received: [],
    closedWith: [],
    buffered: 0,
    answers: true,
    acknowledgesClose: true,
    bufferedBytes: () => connection.buffered,
    send(message) {
      connection.received.push(message);
      connection.buffered += messageBytes;
    },
    heartbeat: () => connection.answers,
    close(reason) {
      connection.closedWith.push(reason);
      if (reason !== 'shutdown' || connection.acknowledgesClose) resolveClosed();
    },
  };
  return connection;
}

/** Counts per `<event> <transport>[ <reason>]`. */
export function countingRealtimeMetrics(): RealtimeMetrics & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  return {
    counts,
    opened: (transport) => add(`opened ${transport}`),
    closed: (transport, reason) => add(`closed ${transport} ${reason}`),
    received: (transport) => add(`in ${transport}`),
    sent: (transport) => add(`out ${transport}`),
    dropped: (transport) => add(`dropped ${transport}`),
  };
}
