import net from 'node:net';
import { now } from './ports.js';

/**
 * A hand-driven HTTP/1.1 connection for what clients hide: slowloris byte trickles, keep-alive
 * reuse and idle close, chunked uploads, `Connection: close` on responses.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  receivedAt: number;
}

export interface CloseEvent {
  at: number;
  how: 'end' | 'reset' | 'error';
}

export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private closeEvent: CloseEvent | undefined;
  readonly closed: Promise<CloseEvent>;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      const finish = (how: CloseEvent['how']): void => {
        if (this.closeEvent !== undefined) return;
        this.closeEvent = { at: now(), how };
        this.wake();
        resolve(this.closeEvent);
      };
      socket.on('end', () => finish('end'));
      socket.on('error', (error: NodeJS.ErrnoException) =>
        finish(error.code === 'ECONNRESET' ? 'reset' : 'error'),
      );
      socket.on('close', () => finish('end'));
    });
  }

  static open(port: number, timeoutMs = 5000): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('connect timeout'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  get isClosed(): boolean {
    return this.closeEvent !== undefined;
  }

  /** Resolves false instead of throwing when the peer already closed. */
  write(data: string | Buffer): Promise<boolean> {
    if (this.closeEvent !== undefined || this.socket.destroyed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.socket.write(data, (error) => resolve(error == null));
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async waitForData(deadline: number): Promise<boolean> {
    if (this.closeEvent !== undefined) return false;
    const remaining = deadline - now();
    if (remaining <= 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, remaining);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return true;
  }

  /** Reads one response. `forHead`: the response to a HEAD request has no body whatever it says. */
  async readResponse(timeoutMs = 10_000, forHead = false): Promise<RawResponse> {
    const deadline = now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(this.buffer, forHead, this.closeEvent !== undefined);
      if (parsed !== undefined) {
        this.buffer = this.buffer.subarray(parsed.consumed);
        return { ...parsed.response, receivedAt: now() };
      }
      if (this.closeEvent !== undefined)
        throw new Error(`connection closed (${this.closeEvent.how}) before a full response`);
      if (!(await this.waitForData(deadline)) && this.closeEvent === undefined) {
        throw new Error(`no complete response within ${timeoutMs} ms`);
      }
    }
  }

  /** Resolves with the close event, or undefined if still open after timeoutMs. */
  async waitClosed(timeoutMs: number): Promise<CloseEvent | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const result = await Promise.race([this.closed, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Bytes received and not yet consumed by readResponse (e.g. a 408 sent before close). */
  pending(): Buffer {
    return this.buffer;
  }
}

function parseResponse(
  buffer: Buffer,
  forHead: boolean,
  peerClosed: boolean,
): { response: Omit<RawResponse, 'receivedAt'>; consumed: number } | undefined {
  const headerEnd = buffer.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const lines = buffer.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const bodyStart = headerEnd + 4;
  if (forHead || status === 204 || status === 304 || (status >= 100 && status < 200)) {
    return { response: { status, headers, body: Buffer.alloc(0) }, consumed: bodyStart };
  }
  if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    const chunks: Buffer[] = [];
    let cursor = bodyStart;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', cursor);
      if (lineEnd === -1) return undefined;
      const size = Number.parseInt(buffer.subarray(cursor, lineEnd).toString('latin1'), 16);
      if (size === 0) {
        const trailerEnd = buffer.indexOf('\r\n\r\n', lineEnd);
        if (trailerEnd === -1) return undefined;
        return {
          response: { status, headers, body: Buffer.concat(chunks) },
          consumed: trailerEnd + 4,
        };
      }
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      cursor = lineEnd + 2 + size + 2;
    }
  }
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (buffer.length < bodyStart + length) return undefined;
    return {
      response: { status, headers, body: buffer.subarray(bodyStart, bodyStart + length) },
      consumed: bodyStart + length,
    };
  }
  // No framing: the body runs until the server closes.
  if (!peerClosed) return undefined;
  return {
    response: { status, headers, body: buffer.subarray(bodyStart) },
    consumed: buffer.length,
  };
}
