import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedTokenAuthenticator } from '../src/platform/realtime/authenticate.ts';
import { localFanOut } from '../src/platform/realtime/fan-out.ts';
import { createRealtimeHub, type HubOptions } from '../src/platform/realtime/hub.ts';
import { loadRealtimeConfig } from '../src/platform/realtime/realtime-config.ts';
import { ConfigError } from '../src/platform/config.ts';
import { countingRealtimeMetrics, fakeConnection } from './support/fake-connection.ts';
import { silentLogger } from './support/logs.ts';

function hub(options: Partial<HubOptions> = {}) {
  const metrics = countingRealtimeMetrics();
  return {
    metrics,
    hub: createRealtimeHub({
      fanOut: localFanOut(),
      metrics,
      logger: silentLogger(),
      sendBufferLimitBytes: 1000,
      heartbeatIntervalMs: 60_000,
      maxConnections: 100,
      closeTimeoutMs: 50,
      ...options,
    }),
  };
}

const datas = (connection: ReturnType<typeof fakeConnection>) =>
  connection.received.map((message) => JSON.parse(message.json) as unknown);

describe('real-time hub', () => {
  test('a message reaches the subscribers of its channel only, in order', async () => {
    const { hub: h, metrics } = hub();
    const notes = h.channel('notes');
    h.channel('other');
    const a = fakeConnection(['notes']);
    const b = fakeConnection(['notes', 'other'], { transport: 'sse' });
    const c = fakeConnection(['other']);
    for (const connection of [a, b, c]) h.attach(connection);

    for (let i = 0; i < 3; i += 1) await notes.publish({ i });
    assert.deepEqual(datas(a), [{ i: 0 }, { i: 1 }, { i: 2 }]);
    assert.deepEqual(datas(b), [{ i: 0 }, { i: 1 }, { i: 2 }]);
    assert.deepEqual(datas(c), []);
    assert.equal(metrics.counts['out websocket'], 3);
    assert.equal(metrics.counts['out sse'], 3);
  });

  test('a message published again with the same id (a retried handler) is delivered once', async () => {
    const { hub: h } = hub();
    const notes = h.channel('notes');
    const client = fakeConnection(['notes']);
    h.attach(client);
    await notes.publish({ n: 1 }, { id: 'event-1' });
    await notes.publish({ n: 1 }, { id: 'event-1' });
    await notes.publish({ n: 2 }, { id: 'event-2' });
    await notes.publish({ n: 3 });
    assert.deepEqual(datas(client), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    assert.deepEqual(
      client.received.slice(0, 2).map((message) => message.id),
      ['event-1', 'event-2'],
    );
  });

  test('channel names are checked and declared once', () => {
    const { hub: h } = hub();
    h.channel('notes');
    assert.throws(() => h.channel('notes'), /declared twice/);
    assert.throws(() => h.channel('Bad Name'), /invalid realtime channel name/);
    assert.equal(h.hasChannel('notes'), true);
    assert.equal(h.hasChannel('missing'), false);
  });

  test('a slow client is disconnected once its buffer passes the limit; the others get everything', async () => {
    const { hub: h, metrics } = hub({ sendBufferLimitBytes: 1000 });
    const notes = h.channel('notes');
    const slow = fakeConnection(['notes'], { messageBytes: 300 });
    const fast = fakeConnection(['notes']);
    for (const connection of [slow, fast]) void connection.closed.then(h.attach(connection).detach);

    for (let i = 0; i < 10; i += 1) await notes.publish({ i });
    // 4 messages fit (1200 bytes queued > 1000): the 5th finds the buffer over the limit.
    assert.equal(slow.received.length, 4);
    assert.deepEqual(slow.closedWith, ['backpressure']);
    assert.equal(fast.received.length, 10);
    assert.equal(metrics.counts['dropped websocket'], 1);
    await slow.closed;
    await Promise.resolve();
    assert.equal(h.connectionCount, 1);
    assert.equal(metrics.counts['closed websocket backpressure'], 1);
  });

  test('heartbeats drop a client that did not answer the previous one', async () => {
    const { hub: h, metrics } = hub({ heartbeatIntervalMs: 10 });
    h.channel('notes');
    const dead = fakeConnection(['notes']);
    const alive = fakeConnection(['notes']);
    dead.answers = false;
    for (const connection of [dead, alive])
      void connection.closed.then(h.attach(connection).detach);
    await dead.closed;
    await Promise.resolve();
    assert.deepEqual(dead.closedWith, ['heartbeat']);
    assert.deepEqual(alive.closedWith, []);
    assert.equal(metrics.counts['closed websocket heartbeat'], 1);
    await h.closeAll();
  });

  test('shutdown closes every client politely, refuses new ones, and drops those that never read the close', async () => {
    const { hub: h } = hub({ closeTimeoutMs: 20 });
    h.channel('notes');
    const polite = fakeConnection(['notes']);
    const stuck = fakeConnection(['notes'], { transport: 'sse' });
    stuck.acknowledgesClose = false;
    for (const connection of [polite, stuck]) h.attach(connection);
    assert.equal(h.canAccept(), true);

    await h.closeAll();
    assert.deepEqual(polite.closedWith, ['shutdown']);
    assert.deepEqual(stuck.closedWith, ['shutdown', 'backpressure']);
    assert.equal(h.canAccept(), false);
  });

  test('the connection limit turns new clients away', () => {
    const { hub: h } = hub({ maxConnections: 1 });
    h.channel('notes');
    h.attach(fakeConnection(['notes']));
    assert.equal(h.canAccept(), false);
  });

  test('client messages go to the channel handler with the subject; anything else is counted and ignored', async () => {
    const { hub: h, metrics } = hub();
    const seen: unknown[] = [];
    h.channel('chat', { onClientMessage: (message) => void seen.push(message) });
    h.channel('notes');
    const connection = fakeConnection(['chat', 'notes']);
    h.attach(connection);
    h.receive(connection, JSON.stringify({ channel: 'chat', data: 'hi' }));
    h.receive(connection, JSON.stringify({ channel: 'notes', data: 'no handler' }));
    h.receive(connection, JSON.stringify({ channel: 'elsewhere', data: 'not subscribed' }));
    h.receive(connection, 'not json');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [{ subject: 'tester', data: 'hi' }]);
    assert.equal(metrics.counts['in websocket'], 4);
  });
});

describe('real-time authentication and configuration', () => {
  const token = 'a'.repeat(16);

  test('shared tokens: Bearer header or access_token, anything else refused', async () => {
    const authenticate = sharedTokenAuthenticator([token, 'b'.repeat(20)]);
    const none = { authorization: undefined, accessToken: undefined, channels: ['notes'] };
    assert.deepEqual(await authenticate({ ...none, authorization: `Bearer ${token}` }), {
      subject: 'token-1',
    });
    assert.deepEqual(await authenticate({ ...none, accessToken: 'b'.repeat(20) }), {
      subject: 'token-2',
    });
    assert.equal(await authenticate(none), undefined);
    assert.equal(await authenticate({ ...none, authorization: 'Bearer wrong' }), undefined);
    assert.equal(await authenticate({ ...none, authorization: `Basic ${token}` }), undefined);
  });

  test('without tokens every client is anonymous (development only)', async () => {
    const authenticate = sharedTokenAuthenticator([]);
    assert.deepEqual(
      await authenticate({ authorization: undefined, accessToken: undefined, channels: [] }),
      {
        subject: 'anonymous',
      },
    );
  });

  test('defaults, and tokens required in production without echoing values', () => {
    const config = loadRealtimeConfig({}, 'development');
    assert.equal(config.sendBufferLimitBytes, 262_144);
    assert.deepEqual(config.tokens, []);
    assert.throws(() => loadRealtimeConfig({}, 'production'), ConfigError);
    assert.deepEqual(
      loadRealtimeConfig({ REALTIME_TOKENS: `${token}, ${token}b` }, 'production').tokens,
      [token, `${token}b`],
    );
    const error = (() => {
      try {
        loadRealtimeConfig(
          { REALTIME_TOKENS: 'short-secret', REALTIME_MAX_CONNECTIONS: 'x' },
          'test',
        );
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /REALTIME_TOKENS/);
    assert.match(error.message, /REALTIME_MAX_CONNECTIONS/);
    assert.doesNotMatch(error.message, /short-secret/);
  });
});
