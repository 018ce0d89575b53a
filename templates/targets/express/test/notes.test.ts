import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { noteCreated, type NoteCreated } from '../src/modules/notes/index.ts';
import type { DomainEvent } from '../src/platform/events/event-bus.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// Runs against PGlite, or real PostgreSQL when TEST_DATABASE_URL is set.
describe('notes module over HTTP', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  before(async () => {
    database = await createTestDatabase();
    testApp = await createTestApp(database.db);
  });
  afterEach(() => database.reset());
  after(async () => {
    await testApp.close();
    await database.close();
  });

  const create = (payload: unknown) => testApp.request('/notes', { method: 'POST', json: payload });

  test('creates a note and reads it back', async () => {
    const created = await create({ title: '  Groceries ', body: 'milk' });
    assert.equal(created.status, 201);
    const note = created.json();
    assert.equal(note.title, 'Groceries');
    assert.equal(note.body, 'milk');
    assert.equal(created.headers.location, `/notes/${note.id}`);
    assert.ok(!Number.isNaN(Date.parse(note.createdAt)));

    const read = await testApp.request(`/notes/${note.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json(), note);
  });

  test('publishes notes.note-created once the note is stored', async () => {
    const received: Array<DomainEvent<NoteCreated>> = [];
    testApp.events.subscribe(noteCreated, 'test.on-note-created', async (event) => {
      received.push(event);
    });
    const note = (await create({ title: 'Announce me' })).json();
    assert.equal((await create({ title: '' })).status, 422);
    await testApp.events.drain(1000);
    assert.deepEqual(
      received.map((event) => event.payload),
      [{ noteId: note.id, title: 'Announce me' }],
    );
  });

  test('lists newest first, page by page', async () => {
    for (const title of ['one', 'two', 'three']) {
      assert.equal((await create({ title })).status, 201);
    }

    const first = await testApp.request('/notes?limit=2');
    assert.equal(first.status, 200);
    const page1 = first.json();
    assert.equal(page1.items.length, 2);
    assert.equal(typeof page1.nextCursor, 'string');

    const second = await testApp.request(
      `/notes?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
    );
    const page2 = second.json();
    assert.equal(page2.items.length, 1);
    assert.equal(page2.nextCursor, null);
    const titles = [...page1.items, ...page2.items].map((note: { title: string }) => note.title);
    assert.deepEqual([...titles].sort(), ['one', 'three', 'two']);
  });

  for (const [name, payload, pointer] of [
    ['a missing title', { body: 'x' }, '/title'],
    ['a blank title', { title: '   ' }, '/title'],
    ['a title of the wrong type', { title: 123 }, '/title'],
    ['an unknown property', { title: 'ok', owner: 'me' }, '/owner'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, '/title'],
    ['a body that is not an object', ['not', 'an', 'object'], '/'],
  ] as const) {
    test(`rejects ${name} with 422 and a field error`, async () => {
      const response = await create(payload);
      assert.equal(response.status, 422);
      assert.match(response.headers['content-type']!, /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.status, 422);
      assert.equal(problem.errors[0].pointer, pointer);
    });
  }

  test('404 for an unknown note, 422 for a malformed id, cursor or limit', async () => {
    const missing = await testApp.request('/notes/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.json().title, 'Not Found');
    const malformedId = await testApp.request('/notes/not-a-uuid');
    assert.equal(malformedId.status, 422);
    assert.deepEqual(malformedId.json().errors[0].location, 'params');
    assert.equal((await testApp.request('/notes?cursor=garbage')).status, 422);
    assert.equal((await testApp.request('/notes?limit=1000')).status, 422);
  });

  test('responses carry only the documented fields', async () => {
    const note = (await create({ title: 'Shape' })).json();
    assert.deepEqual(Object.keys(note).sort(), ['body', 'createdAt', 'id', 'title']);
  });
});
