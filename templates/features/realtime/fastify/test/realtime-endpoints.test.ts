import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { inactiveFeatures, type PlatformFeatures } from '../src/platform/features.ts';
import { sharedTokenAuthenticator } from '../src/platform/realtime/authenticate.ts';
import { localRealtime } from '../src/platform/realtime/start-realtime.ts';
import { silentLogger } from './support/logs.ts';
import { testConfig } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

const TOKEN = 'test-token-0123456789';

interface Frame {
  channel: string;
  id: string;
  data: { type: string; id: string; title: string };
}

/** Reads an SSE response into events as they arrive. */
function sseReader(response: Response) {
  const events: { id?: string; event: string; data: string }[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  const done = (async () => {
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const event = field('event');
        const id = field('id');
        if (event !== undefined)
          events.push({ ...(id && { id }), event, data: field('data') ?? '' });
      }
    }
  })();
  return { events, done };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

// The real-time endpoints on a listening server, with in-process fan-out (realtime-redis.test.ts
// covers Redis) and token authentication.
describe('real-time endpoints', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let features: PlatformFeatures;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  const start = async () => {
    const inactive = inactiveFeatures();
    const realtime = {
      ...localRealtime(silentLogger()),
      authenticate: sharedTokenAuthenticator([TOKEN]),
    };
    features = {
      ...inactive,
      dependencies: { ...inactive.dependencies, realtime: realtime.hub },
      realtime,
    };
    app = await buildApp({
      config: testConfig(),
      db: database.db,
      logger: silentLogger(),
      features,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `127.0.0.1:${address.port}`;
    // Load shedding (503) trips when the event loop stalled, as the in-process PGlite can make
    // it during set-up: wait for the first sample after that before asserting statuses.
    while ((await fetch(`http://${base}/notes?limit=1`)).status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  afterEach(async () => {
    await app.close();
    await database.reset();
  });

  const openSocket = async (query: string) => {
    const socket = new WebSocket(`ws://${base}/realtime/ws?${query}`);
    const frames: Frame[] = [];
    socket.addEventListener('message', (event) =>
      frames.push(JSON.parse(String(event.data)) as Frame),
    );
    const closed = once(socket, 'close') as Promise<[CloseEvent]>;
    await once(socket, 'open');
    return { socket, frames, closed };
  };
  const createNote = (title: string) =>
    fetch(`http://${base}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });

  test('a new note reaches WebSocket and SSE subscribers of the notes channel', async () => {
    await start();
    const ws = await openSocket(`channel=notes&access_token=${TOKEN}`);
    const sse = await fetch(`http://${base}/realtime/sse?channel=notes`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(sse.status, 200);
    assert.match(sse.headers.get('content-type') ?? '', /^text\/event-stream/);
    const stream = sseReader(sse);
    await until(() => features.realtime.hub.connectionCount === 2);

    const created = (await (await createNote('pushed')).json()) as { id: string };
    await until(() => ws.frames.length === 1 && stream.events.length === 1);
    const expected = { type: 'note.created', id: created.id, title: 'pushed' };
    const [frame] = ws.frames;
    assert.deepEqual(ws.frames, [{ channel: 'notes', id: frame!.id, data: expected }]);
    // The same message id on both transports (SSE `id:` also feeds Last-Event-ID).
    assert.deepEqual(stream.events, [
      { id: frame!.id, event: 'notes', data: JSON.stringify(expected) },
    ]);
    ws.socket.close();
    await ws.closed;
  });

  test('refused before anything is upgraded or streamed: no token, a wrong one, an unknown channel', async () => {
    await start();
    const sse = (query: string, headers: Record<string, string> = {}) =>
      fetch(`http://${base}/realtime/sse?${query}`, { headers });
    assert.equal((await sse('channel=notes')).status, 401);
    assert.equal((await sse('channel=notes', { authorization: 'Bearer nope' })).status, 401);
    assert.equal((await sse(`channel=nowhere&access_token=${TOKEN}`)).status, 404);
    assert.equal((await sse(`access_token=${TOKEN}`)).status, 422);

    // A WebSocket handshake without a token never opens.
    const socket = new WebSocket(`ws://${base}/realtime/ws?channel=notes`);
    const [event] = (await Promise.race([once(socket, 'error'), once(socket, 'open')])) as [Event];
    assert.equal(event.type, 'error');
    assert.equal(features.realtime.hub.connectionCount, 0);
  });

  test('closing the server sends every client its close first: WebSocket 1001, SSE a close event', async () => {
    await start();
    const ws = await openSocket(`channel=notes&access_token=${TOKEN}`);
    const sse = await fetch(`http://${base}/realtime/sse?channel=notes&access_token=${TOKEN}`);
    const stream = sseReader(sse);
    await until(() => features.realtime.hub.connectionCount === 2);

    await app.close();
    const [close] = await ws.closed;
    assert.equal(close.code, 1001);
    await stream.done;
    assert.deepEqual(stream.events.at(-1), { event: 'close', data: '{"reason":"shutdown"}' });
    assert.equal(features.realtime.hub.connectionCount, 0);
  });
});
