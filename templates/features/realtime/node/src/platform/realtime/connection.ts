/**
 * One client connection as the hub sees it, whatever the transport. The HTTP layer adapts a
 * WebSocket (websocket-connection.ts) or a Server-Sent Events response (sse-connection.ts).
 */
export type Transport = 'websocket' | 'sse';

/**
 * Why the server ended a connection:
 * - shutdown: the process is stopping; the client gets a close frame (WebSocket 1001) or a final
 *   `close` event (SSE) and should reconnect, reaching another replica.
 * - backpressure: the client did not read fast enough and its send buffer passed the limit.
 * - heartbeat: the client did not answer the previous ping (a dead peer).
 */
export type CloseReason = 'shutdown' | 'backpressure' | 'heartbeat';

/** A message to a channel's subscribers, serialized once for every connection. */
export interface OutgoingMessage {
  readonly channel: string;
  /** Unique per message (PublishOptions.id): lets clients drop a message they already have. */
  readonly id: string;
  /** `data` as JSON. */
  readonly json: string;
}

export interface RealtimeConnection {
  readonly id: string;
  readonly transport: Transport;
  /** Who authenticated (authenticate.ts); `anonymous` when authentication is off. */
  readonly subject: string;
  readonly channels: ReadonlySet<string>;
  /** Bytes queued in this process for the client (not yet taken by the kernel). */
  bufferedBytes(): number;
  /** Queues one message and returns at once. */
  send(message: OutgoingMessage): void;
  /** Sends a heartbeat; false when the client did not answer the previous one. */
  heartbeat(): boolean;
  /**
   * Ends the connection. `shutdown` closes politely (the peer can read what is queued, then the
   * close); the others drop the socket at once, releasing its buffer.
   */
  close(reason: CloseReason): void;
  /** Resolves once the underlying socket is closed. */
  readonly closed: Promise<void>;
}
