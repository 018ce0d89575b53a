import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../realtime/authenticate.ts';
import type { RealtimeConnection } from '../realtime/connection.ts';
import { sseConnection } from '../realtime/sse-connection.ts';
import type { RealtimeEndpoints } from '../realtime/start-realtime.ts';
import { websocketConnection } from '../realtime/websocket-connection.ts';
import { HttpError } from './http-error.ts';
import { RETRY_AFTER_SECONDS } from './traffic-control.ts';

/** Where clients connect: `?channel=notes` (repeatable) names what they subscribe to. */
export const REALTIME_PATHS = { websocket: '/realtime/ws', sse: '/realtime/sse' } as const;

interface ConnectQuery {
  channel: string | string[];
  access_token?: string;
}

const connectQuery = {
  type: 'object',
  required: ['channel'],
  properties: {
    channel: {
      anyOf: [
        { type: 'string', maxLength: 64 },
        { type: 'array', items: { type: 'string', maxLength: 64 }, minItems: 1, maxItems: 16 },
      ],
    },
    access_token: { type: 'string', maxLength: 4096 },
  },
} as const;

declare module 'fastify' {
  interface FastifyRequest {
    realtimePrincipal?: Principal;
  }
}

/**
 * The real-time endpoints (docs/realtime.md): a WebSocket and a Server-Sent Events stream, both
 * authenticated before anything is upgraded or streamed, both attached to the hub. When the
 * server starts closing (shutdown), every client gets its close before the HTTP drain begins:
 * these connections never end on their own and would otherwise hold the drain to its timeout.
 */
export async function registerRealtimeRoutes(
  app: FastifyInstance,
  { hub, authenticate, maxClientMessageBytes }: RealtimeEndpoints,
): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: maxClientMessageBytes },
    // Replaces the plugin's own, which closes WebSockets without a status code and leaves SSE
    // streams open: the hub closes both kinds (WebSocket 1001 "going away"), bounded in time.
    preClose: async function (this: FastifyInstance) {
      await hub.closeAll();
      this.websocketServer.close();
    },
  });

  const channelsOf = (request: FastifyRequest<{ Querystring: ConnectQuery }>) =>
    new Set([request.query.channel].flat());

  // Runs before the WebSocket handshake, so a refused client gets a plain HTTP error.
  const admit = async (request: FastifyRequest<{ Querystring: ConnectQuery }>) => {
    const principal = await authenticate({
      authorization: request.headers.authorization,
      accessToken: request.query.access_token,
      channels: [...channelsOf(request)],
    });
    if (principal === undefined) throw new HttpError(401, 'missing or invalid credentials');
    const unknown = [...channelsOf(request)].filter((name) => !hub.hasChannel(name));
    if (unknown.length > 0) throw new HttpError(404, `unknown channel: ${unknown.join(', ')}`);
    if (!hub.canAccept()) {
      throw new HttpError(503, 'no room for another real-time connection', {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
    request.realtimePrincipal = principal;
  };

  const attach = (connection: RealtimeConnection) => {
    const { detach } = hub.attach(connection);
    void connection.closed.then(detach);
  };

  app.get<{ Querystring: ConnectQuery }>(
    REALTIME_PATHS.websocket,
    { websocket: true, schema: { querystring: connectQuery }, preHandler: admit },
    (socket, request) => {
      const connection = websocketConnection(socket, {
        subject: request.realtimePrincipal?.subject ?? 'anonymous',
        channels: channelsOf(request),
      });
      // binaryType is ws's default, 'nodebuffer': a whole message arrives as one Buffer.
      socket.on('message', (data, isBinary) => {
        if (!isBinary) hub.receive(connection, (data as Buffer).toString('utf8'));
      });
      attach(connection);
    },
  );

  app.get<{ Querystring: ConnectQuery }>(
    REALTIME_PATHS.sse,
    { schema: { querystring: connectQuery }, preHandler: admit },
    async (request, reply) => {
      // The stream is written directly: Fastify's reply lifecycle ends with the first response.
      reply.hijack();
      attach(
        sseConnection(reply.raw, {
          subject: request.realtimePrincipal?.subject ?? 'anonymous',
          channels: channelsOf(request),
        }),
      );
    },
  );
}
