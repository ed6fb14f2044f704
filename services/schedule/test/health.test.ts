import t from 'tap';
import { createReferenceMeeting, startApp } from './support/app.ts';
import { assertProblem } from './support/http.ts';

t.test('GET /healthz: the process answers', async (t) => {
  const test = await startApp(t);
  const response = await test.app.inject({ method: 'GET', url: '/healthz' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^application\/json/);
  t.same(response.json(), { status: 'ok' });
});

t.test('GET /readyz', async (t) => {
  const test = await startApp(t);

  t.test('a fresh store: ready, nothing processed', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(response.statusCode, 200);
    t.same(response.json(), { status: 'ready', checkpoint: null, eventsProcessed: 0 });
  });

  t.test('a new process on a store with events is ready once it has read them all', async (t) => {
    await createReferenceMeeting(test); // MeetingCreated, 4 × SessionAdded, AgendaReleased
    const restarted = await startApp(t, {}, test.dir);
    const response = await restarted.app.inject({ method: 'GET', url: '/readyz' });
    t.equal(response.statusCode, 200);
    const body = response.json();
    t.equal(body.status, 'ready');
    t.equal(body.eventsProcessed, 6);
    t.type(body.checkpoint, 'string', 'an opaque checkpoint');
    t.equal(body.checkpoint, await test.store.headCheckpoint(), 'at the head of the store');
  });

  t.test('a store that does not answer: 503 not-ready, while /healthz still answers', async (t) => {
    const broken = await startApp(t);
    await broken.store.close();
    const response = await broken.app.inject({ method: 'GET', url: '/readyz' });
    await assertProblem(t, broken, response, { status: 503, code: 'not-ready', detail: 'the event store does not answer' });
    t.equal((await broken.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });
});
