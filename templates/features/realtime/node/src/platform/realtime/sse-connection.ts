import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CloseReason, OutgoingMessage, RealtimeConnection } from './connection.ts';

/** Tells EventSource how long to wait before reconnecting after the stream ends. */
const RETRY_MS = 1000;

/**
 * Starts a Server-Sent Events stream on `response` (headers, retry hint) and wraps it as a hub
 * connection. Each message is `id: <id>` + `event: <channel>` + `data: <json>`; on shutdown a last
 * `event: close` is sent before the stream ends, and EventSource reconnects (to another replica,
 * since this one is out of rotation by then). `writableLength` is what Node holds for the socket
 * beyond what the kernel took.
 */
export function sseConnection(
  response: ServerResponse,
  { subject, channels }: { readonly subject: string; readonly channels: ReadonlySet<string> },
): RealtimeConnection {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // nginx and some ingresses buffer responses unless told not to.
    'x-accel-buffering': 'no',
  });
  response.write(`retry: ${RETRY_MS}\n\n`);
  const closed = new Promise<void>((resolve) => response.once('close', resolve));
  const write = (text: string) => {
    if (!response.writableEnded && !response.destroyed) response.write(text);
  };
  return {
    id: randomUUID(),
    transport: 'sse',
    subject,
    channels,
    closed,
    bufferedBytes: () => response.writableLength,
    send(message: OutgoingMessage) {
      write(`id: ${message.id}\nevent: ${message.channel}\ndata: ${message.json}\n\n`);
    },
    heartbeat() {
      // A comment line: EventSource ignores it. A dead peer shows up as a write error or a
      // growing buffer (backpressure), since SSE has no reply channel.
      write(': ping\n\n');
      return true;
    },
    close(reason: CloseReason) {
      if (reason === 'shutdown') {
        write('event: close\ndata: {"reason":"shutdown"}\n\n');
        response.end();
      } else {
        response.destroy();
      }
    },
  };
}
