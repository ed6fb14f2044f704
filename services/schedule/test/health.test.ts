import t from 'tap';
import type { EventStore, SqliteEventStore } from '@meridian/event-store';
import { OHCHR_TOKEN, createReferenceMeeting, startApp } from './support/app.ts';
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

t.test('a replica still replaying the store answers its probes, and 503 not-ready on every other route until it has caught up', async (t) => {
  const first = await startApp(t);
  const meetingId = await createReferenceMeeting(first);
  // The replay is held at its end until the test lets it finish, as a long one would be.
  let finishReplay!: () => void;
  const replayFinished = new Promise<void>((resolve) => (finishReplay = resolve));
  const holdingCatchUp = (store: SqliteEventStore): EventStore => ({
    ...store,
    subscribe: (options) => store.subscribe({ ...options, onCaughtUp: (checkpoint) => void replayFinished.then(() => options.onCaughtUp?.(checkpoint)) }),
  });
  const replaying = await startApp(t, {}, first.dir, { storeOfApp: holdingCatchUp, awaitCatchUp: false });

  t.equal((await replaying.app.inject({ url: '/healthz' })).statusCode, 200, 'alive: no reason to restart it');
  t.equal((await replaying.app.inject({ url: '/metrics' })).statusCode, 200, 'its metrics say how far it is');
  const readiness = await replaying.app.inject({ url: '/readyz' });
  await assertProblem(t, replaying, readiness, { status: 503, code: 'not-ready', detail: /catching up/ });
  for (const url of [`/meetings/${meetingId}`, `/meetings/${meetingId}/agenda?tz=Asia/Tokyo`, `/meetings/${meetingId}/calendar.ics`]) {
    const answer = await replaying.app.inject({ url });
    await assertProblem(t, replaying, answer, { status: 503, code: 'not-ready', detail: /replaying the store \(\d+ events so far\)/ });
    t.equal(answer.headers['retry-after'], '5', `${url}: when to ask again`);
  }
  const write = await replaying.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'Too early', timeZone: 'UTC' } });
  await assertProblem(t, replaying, write, { status: 503, code: 'not-ready' });

  finishReplay();
  await replaying.app.schedule.meetings.waitFor(meetingId, (entry) => entry !== undefined, 5_000);
  for (let tries = 0; (await replaying.app.inject({ url: '/readyz' })).statusCode !== 200 && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal((await replaying.app.inject({ url: '/readyz' })).statusCode, 200, 'ready once caught up');
  t.equal((await replaying.as(OHCHR_TOKEN, { url: `/meetings/${meetingId}` })).statusCode, 200, 'and answering from the whole store');
  t.equal((await replaying.as(OHCHR_TOKEN, { url: '/meetings' })).json().meetings.length, 1, 'the write refused while replaying was not made');
});
