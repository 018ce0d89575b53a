/**
 * Real-time delivery for the modules (docs/realtime.md). A module names a channel and publishes
 * to it; every client subscribed to that channel, on any replica, receives the message:
 *
 *   const notes = deps.realtime.channel('notes');
 *   await notes.publish({ type: 'note.created', id });
 *
 * The HTTP layer attaches WebSocket and Server-Sent Events connections to the hub. What it
 * guarantees:
 * - Bounded memory per client: a message is queued only while the connection's send buffer is
 *   under `sendBufferLimitBytes`; a client that lets it grow past that is disconnected (it
 *   reconnects and catches up), never allowed to hold more.
 * - Liveness: every `heartbeatIntervalMs` each connection is pinged (WebSocket ping; an SSE
 *   comment, which also keeps proxies from closing an idle stream); a WebSocket that did not
 *   answer the previous ping is dropped.
 * - Once per message: a message published again with the same id (a retried event handler) is
 *   not delivered twice.
 * - Shutdown: `closeAll()` sends every client a close (WebSocket 1001, SSE `close` event) and
 *   waits up to `closeTimeoutMs` for the sockets to go, then drops those still open.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { CloseReason, RealtimeConnection } from './connection.ts';
import type { FanOut } from './fan-out.ts';
import type { RealtimeMetrics } from './realtime-metrics.ts';

/** Message ids remembered to drop a repeated publish (the event bus delivers at least once). */
const RECENT_IDS = 10_000;

/** Channel names travel in URLs and Redis channel names: keep them short and plain. */
const CHANNEL_NAME = /^[a-z][a-z0-9._-]{0,63}$/;

export interface RealtimeChannel {
  readonly name: string;
  /**
   * Sends `data` (serialized as JSON) to the channel's subscribers on every replica. Rejects when
   * Redis cannot take it: call it from an event handler, whose retries cover a short outage.
   */
  publish(data: unknown, options?: PublishOptions): Promise<void>;
}

export interface PublishOptions {
  /**
   * Identifies the message to clients (SSE `id:`, `id` in WebSocket frames). Pass the event's id
   * when publishing from an event handler: if the handler is retried after a publish that did
   * reach Redis (a timeout on the reply), the second copy is recognised and not delivered again.
   * Default: a random UUID.
   */
  readonly id?: string;
}

/** A message a client sent (WebSocket only), after authentication. */
export interface ClientMessage {
  readonly subject: string;
  readonly data: unknown;
}

export interface ChannelOptions {
  /**
   * Handles what clients send to this channel (`{"channel": "<name>", "data": ...}` over the
   * WebSocket). Without it, client messages to the channel are counted and ignored.
   */
  readonly onClientMessage?: (message: ClientMessage) => Promise<void> | void;
}

/** What modules get in their dependencies. */
export interface RealtimeChannels {
  /** Declares a channel (once, in the module's setup) and returns its publisher. */
  channel(name: string, options?: ChannelOptions): RealtimeChannel;
}

export interface RealtimeHub extends RealtimeChannels {
  hasChannel(name: string): boolean;
  /** false once shutdown started or at the connection limit: answer 503 instead of attaching. */
  canAccept(): boolean;
  /** Registers a connection; the transport calls `detach` when its socket closes. */
  attach(connection: RealtimeConnection): { detach: () => void };
  /** A frame from a client; malformed ones are ignored (counted as received all the same). */
  receive(connection: RealtimeConnection, text: string): void;
  closeAll(): Promise<void>;
  readonly connectionCount: number;
}

export interface HubOptions {
  readonly fanOut: FanOut;
  readonly metrics: RealtimeMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly sendBufferLimitBytes: number;
  readonly heartbeatIntervalMs: number;
  readonly maxConnections: number;
  readonly closeTimeoutMs: number;
}

export function createRealtimeHub(options: HubOptions): RealtimeHub {
  const { fanOut, metrics, logger, sendBufferLimitBytes } = options;
  const channels = new Map<string, ChannelOptions>();
  const subscribers = new Map<string, Set<RealtimeConnection>>();
  const closeReasons = new WeakMap<RealtimeConnection, CloseReason>();
  let accepting = true;

  const close = (connection: RealtimeConnection, reason: CloseReason) => {
    if (!closeReasons.has(connection)) closeReasons.set(connection, reason);
    connection.close(reason);
  };

  // Ids of the last RECENT_IDS messages, oldest first (a Set keeps insertion order).
  const recent = new Set<string>();
  const firstDelivery = (id: string) => {
    if (recent.has(id)) return false;
    recent.add(id);
    if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value!);
    return true;
  };

  // Serialized once, queued for each subscriber unless its buffer is already over the limit.
  fanOut.onMessage((channel, envelope) => {
    const { id, data } = JSON.parse(envelope) as { id: string; data: unknown };
    if (!firstDelivery(id)) return;
    const connections = subscribers.get(channel);
    if (connections === undefined) return;
    const message = { channel, id, json: JSON.stringify(data) };
    for (const connection of connections) {
      if (connection.bufferedBytes() > sendBufferLimitBytes) {
        metrics.dropped(connection.transport);
        close(connection, 'backpressure');
        continue;
      }
      connection.send(message);
      metrics.sent(connection.transport);
    }
  });

  const all = () => new Set([...subscribers.values()].flatMap((set) => [...set]));

  const heartbeat = setInterval(() => {
    for (const connection of all()) {
      if (connection.bufferedBytes() > sendBufferLimitBytes) close(connection, 'backpressure');
      else if (!connection.heartbeat()) close(connection, 'heartbeat');
    }
  }, options.heartbeatIntervalMs);
  heartbeat.unref();

  let count = 0;
  return {
    channel(name, channelOptions = {}) {
      if (!CHANNEL_NAME.test(name)) throw new Error(`invalid realtime channel name: ${name}`);
      if (channels.has(name)) throw new Error(`realtime channel ${name} is declared twice`);
      channels.set(name, channelOptions);
      return {
        name,
        publish: (data, publishOptions) =>
          fanOut.publish(name, JSON.stringify({ id: publishOptions?.id ?? randomUUID(), data })),
      };
    },

    hasChannel: (name) => channels.has(name),

    canAccept: () => accepting && count < options.maxConnections,

    attach(connection) {
      count += 1;
      metrics.opened(connection.transport);
      for (const name of connection.channels) {
        let set = subscribers.get(name);
        if (set === undefined) subscribers.set(name, (set = new Set()));
        set.add(connection);
      }
      let attached = true;
      return {
        detach() {
          if (!attached) return;
          attached = false;
          count -= 1;
          for (const name of connection.channels) subscribers.get(name)?.delete(connection);
          metrics.closed(connection.transport, closeReasons.get(connection) ?? 'client');
        },
      };
    },

    receive(connection, text) {
      metrics.received(connection.transport);
      let frame: { channel?: unknown; data?: unknown };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return;
      }
      const handler =
        typeof frame.channel === 'string' && connection.channels.has(frame.channel)
          ? channels.get(frame.channel)?.onClientMessage
          : undefined;
      if (handler === undefined) return;
      Promise.resolve()
        .then(() => handler({ subject: connection.subject, data: frame.data }))
        .catch((error: unknown) =>
          logger.warn({ err: error, channel: frame.channel }, 'realtime client message failed'),
        );
    },

    async closeAll() {
      accepting = false;
      clearInterval(heartbeat);
      const open = [...all()];
      if (open.length === 0) return;
      logger.info({ connections: open.length }, 'closing real-time connections');
      const stillOpen = new Set(open);
      for (const connection of open) {
        void connection.closed.then(() => stillOpen.delete(connection));
        close(connection, 'shutdown');
      }
      const closed = Promise.all(open.map((connection) => connection.closed));
      const controller = new AbortController();
      const settled = await Promise.race([
        closed.then(() => true),
        sleep(options.closeTimeoutMs, false, { signal: controller.signal }).catch(() => false),
      ]);
      controller.abort();
      if (!settled) {
        // Clients that never read the close: drop their sockets so the server can finish.
        for (const connection of stillOpen) connection.close('backpressure');
      }
    },

    get connectionCount() {
      return count;
    },
  };
}
