import net from 'node:net';

/**
 * pass:       forward both ways.
 * cut:        the dependency is gone ("docker pause pg" / stopped): new connections are reset at
 *             once and every existing pair is destroyed.
 * black-hole: packets are dropped without RST (S11, iptables DROP): new connections are accepted
 *             but never forwarded, existing pairs stop moving bytes. Bytes are held, not lost, so a
 *             connection resumes intact when the mode returns to pass (TCP retransmission).
 */
export type ProxyMode = 'pass' | 'cut' | 'black-hole';

/** How many client→server bytes per connection are kept for inspection (PostgreSQL startup etc.). */
const CLIENT_PREFIX_BYTES = 64 * 1024;

export interface ProxiedConnection {
  readonly id: number;
  /** The proxy's local port towards the upstream (PostgreSQL shows it as client_port). */
  upstreamLocalPort: number | undefined;
  /** First bytes the client sent, for protocol sniffing. */
  clientPrefix: Buffer;
  closed: boolean;
}

interface Pair {
  info: ProxiedConnection;
  client: net.Socket;
  upstream: net.Socket | undefined;
  forwarding: boolean;
}

export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  connections(): readonly ProxiedConnection[];
  close(): Promise<void>;
}

export async function startTcpProxy(
  upstreamPort: number,
  upstreamHost = '127.0.0.1',
): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let nextId = 1;
  const pairs = new Set<Pair>();
  const history: ProxiedConnection[] = [];

  const destroyPair = (pair: Pair): void => {
    pair.info.closed = true;
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  const recordClientBytes = (pair: Pair, chunk: Buffer): void => {
    const room = CLIENT_PREFIX_BYTES - pair.info.clientPrefix.length;
    if (room > 0)
      pair.info.clientPrefix = Buffer.concat([pair.info.clientPrefix, chunk.subarray(0, room)]);
  };

  const startForwarding = (pair: Pair): void => {
    if (pair.forwarding || pair.info.closed) return;
    pair.forwarding = true;
    if (pair.upstream === undefined) {
      const upstream = net.connect({ host: upstreamHost, port: upstreamPort });
      pair.upstream = upstream;
      upstream.on('connect', () => {
        pair.info.upstreamLocalPort = upstream.localPort;
      });
      upstream.on('error', () => destroyPair(pair));
      upstream.on('close', () => destroyPair(pair));
      upstream.on('data', (chunk: Buffer) => {
        if (!pair.client.write(chunk)) upstream.pause();
      });
      pair.client.on('drain', () => {
        if (pair.forwarding) upstream.resume();
      });
      upstream.on('drain', () => {
        if (pair.forwarding) pair.client.resume();
      });
    }
    pair.client.resume();
    pair.upstream.resume();
  };

  const holdPair = (pair: Pair): void => {
    pair.forwarding = false;
    pair.client.pause();
    pair.upstream?.pause();
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = {
      info: {
        id: nextId++,
        upstreamLocalPort: undefined,
        clientPrefix: Buffer.alloc(0),
        closed: false,
      },
      client,
      upstream: undefined,
      forwarding: false,
    };
    pairs.add(pair);
    history.push(pair.info);
    client.on('error', () => destroyPair(pair));
    client.on('close', () => destroyPair(pair));
    client.on('data', (chunk: Buffer) => {
      recordClientBytes(pair, chunk);
      if (pair.upstream !== undefined && !pair.upstream.write(chunk)) client.pause();
    });
    if (mode === 'pass') startForwarding(pair);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next === 'cut') destroyPair(pair);
        else if (next === 'black-hole') holdPair(pair);
        else startForwarding(pair);
      }
    },
    connections: () => history,
    async close() {
      for (const pair of [...pairs]) destroyPair(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
