import { randomUUID } from 'node:crypto';
import type { CloseReason, OutgoingMessage, RealtimeConnection } from './connection.ts';

/** The parts of a `ws` WebSocket this adapter uses (structural, so tests can pass a fake). */
export interface WebSocketLike {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
  on(event: 'pong', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

const OPEN = 1;
/** RFC 6455: 1001 "going away", the server is shutting down. */
export const GOING_AWAY = 1001;

/**
 * A WebSocket as a hub connection. Frames are JSON: `{"channel": "notes", "id": "…", "data": {...}}`.
 * `bufferedAmount` is what `ws` holds for the socket beyond what the kernel took.
 */
export function websocketConnection(
  socket: WebSocketLike,
  { subject, channels }: { readonly subject: string; readonly channels: ReadonlySet<string> },
): RealtimeConnection {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const closed = new Promise<void>((resolve) => socket.on('close', resolve));
  return {
    id: randomUUID(),
    transport: 'websocket',
    subject,
    channels,
    closed,
    bufferedBytes: () => socket.bufferedAmount,
    send(message: OutgoingMessage) {
      if (socket.readyState !== OPEN) return;
      socket.send(
        `{"channel":${JSON.stringify(message.channel)},"id":${JSON.stringify(message.id)},"data":${message.json}}`,
      );
    },
    heartbeat() {
      if (!answered) return false;
      answered = false;
      if (socket.readyState === OPEN) socket.ping();
      return true;
    },
    close(reason: CloseReason) {
      if (reason === 'shutdown') socket.close(GOING_AWAY, 'server shutting down');
      else socket.terminate();
    },
  };
}
