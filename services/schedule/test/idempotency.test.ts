import { createHash, randomUUID } from 'node:crypto';
import t from 'tap';
import { StoreUnavailableError, type EventStore } from '@meridian/event-store';
import { createReferenceMeeting, OHCHR_TOKEN, startApp, UCLG_TOKEN, type TestApp } from './support/app.ts';
import { assertProblem, fileApp, history, meetingBody } from './support/http.ts';

const createWithKey = (test: TestApp, key: string, body: Record<string, unknown> = meetingBody(), token = OHCHR_TOKEN) =>
  test.as(token, { method: 'POST', url: '/meetings', headers: { 'idempotency-key': key }, payload: body });

const organiserMeetings = async (test: TestApp, token = OHCHR_TOKEN): Promise<string[]> =>
  ((await test.as(token, { method: 'GET', url: '/meetings?limit=100' })).json().meetings as { id: string; draft: boolean }[])
    .filter((meeting) => meeting.draft)
    .map((meeting) => meeting.id);

t.test('Idempotency-Key on POST /meetings', async (t) => {
  const test = await fileApp();
  const first = await createWithKey(test, 'create-meeting-7f3a');

  t.test('the same key and body replay the first answer and create nothing', async (t) => {
    t.equal(first.statusCode, 201);
    t.equal(first.headers['idempotent-replayed'], undefined, 'the first answer is not a replay');
    const again = await createWithKey(test, 'create-meeting-7f3a');
    t.equal(again.statusCode, 201);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.equal(again.body, first.body, 'the same body, byte for byte');
    t.equal(again.headers.etag, first.headers.etag);
    t.equal(again.headers.location, first.headers.location);
    t.match(again.headers['content-type'], /^application\/json/);
    t.same(await organiserMeetings(test), [first.json().id], 'one meeting only');
  });

  t.test('the same members in another order are the same body', async (t) => {
    const { title, timeZone } = meetingBody();
    const reordered = await createWithKey(test, 'create-meeting-7f3a', { timeZone, title });
    t.equal(reordered.statusCode, 201);
    t.equal(reordered.headers['idempotent-replayed'], 'true');
    t.same(await organiserMeetings(test), [first.json().id]);
  });

  t.test('the same key with another body is a 422, and creates nothing', async (t) => {
    const other = await createWithKey(test, 'create-meeting-7f3a', meetingBody({ title: 'Another meeting' }));
    await assertProblem(t, test, other, {
      status: 422,
      code: 'idempotency-key-reused',
      detail: 'Idempotency-Key "create-meeting-7f3a" was first used with a different request body',
    });
    t.same(await organiserMeetings(test), [first.json().id]);
  });

  t.test('keys are scoped per organiser: another organiser\'s same key is a new request', async (t) => {
    const theirs = await createWithKey(test, 'create-meeting-7f3a', meetingBody(), UCLG_TOKEN);
    t.equal(theirs.statusCode, 201);
    t.equal(theirs.headers['idempotent-replayed'], undefined);
    t.not(theirs.json().id, first.json().id);
    t.equal(theirs.json().organiser, 'uclg');
    t.same(await organiserMeetings(test, UCLG_TOKEN), [theirs.json().id]);
  });

  t.test('a key must be 1 to 255 visible ASCII characters', async (t) => {
    for (const key of ['has space', 'clé']) {
      await assertProblem(t, test, await createWithKey(test, key), {
        status: 400,
        code: 'invalid-idempotency-key',
        detail: 'Idempotency-Key must be 1 to 255 visible characters',
      });
    }
    await assertProblem(t, test, await createWithKey(test, 'k'.repeat(256)), { status: 400, code: 'invalid-request' });
    t.same(await organiserMeetings(test), [first.json().id]);
  });
});

t.test('Idempotency-Key on the POST routes of a meeting', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });
  const session = { title: 'Side event', start: '2025-11-27T09:00', end: '2025-11-27T10:00' };
  const addWithKey = (id: string, key: string, body: Record<string, unknown> = session) =>
    test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${id}/sessions`, headers: { 'idempotency-key': key }, payload: body });

  t.test('a retried session add is replayed, even after the meeting moved on', async (t) => {
    const added = await addWithKey(meetingId, 'add-side-event');
    t.equal(added.statusCode, 201);
    t.equal(added.headers.etag, '"6"');
    const rename = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'Renamed' } });
    t.equal(rename.statusCode, 200);
    const before = await history(test, meetingId);
    const retried = await addWithKey(meetingId, 'add-side-event');
    t.equal(retried.statusCode, 201);
    t.equal(retried.headers['idempotent-replayed'], 'true');
    t.equal(retried.headers.etag, '"6"', 'the first answer, not a new one');
    t.equal(retried.body, added.body);
    const after = await history(test, meetingId);
    t.same(after, before, 'the history is unchanged');
    t.equal(after.filter((event) => event.type === 'SessionAdded').length, 5, 'one side event, not two');
  });

  t.test('keys are scoped per route: the same key on another meeting is another request', async (t) => {
    const other = await createReferenceMeeting(test, { release: false });
    const added = await addWithKey(other, 'add-side-event');
    t.equal(added.statusCode, 201);
    t.equal(added.headers['idempotent-replayed'], undefined);
    t.equal((await history(test, other)).length, 6);
  });

  t.test('a refused first answer is replayed too', async (t) => {
    const clash = { title: 'Clash', start: '2025-11-26T09:30', end: '2025-11-26T10:00' };
    const refused = await addWithKey(meetingId, 'add-clash', clash);
    await assertProblem(t, test, refused, { status: 422, code: 'sessions-overlap' });
    const again = await addWithKey(meetingId, 'add-clash', clash);
    t.equal(again.statusCode, 422);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.match(again.headers['content-type'], /^application\/problem\+json/);
    t.equal(again.body, refused.body);
  });

  t.test('a retried release is replayed, not refused as "nothing to release"', async (t) => {
    const release = () =>
      test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, headers: { 'idempotency-key': 'release-rev-1' }, payload: { label: 'Rev.1' } });
    const first = await release();
    t.equal(first.statusCode, 201);
    const retried = await release();
    t.equal(retried.statusCode, 201);
    t.equal(retried.headers['idempotent-replayed'], 'true');
    t.equal(retried.json().version, 1);
    t.equal((await history(test, meetingId)).filter((event) => event.type === 'AgendaReleased').length, 1);
  });

  t.test('a request still in progress under the key is a 409; an abandoned claim expires after a minute', async (t) => {
    // A claim whose process died before it answered, written where and as the plugin keeps claims:
    // one stream per organiser, method, path and key. (No request in one process can be caught
    // between its claim and its answer: both happen without yielding to another request.)
    const path = `/meetings/${meetingId}/cancel`;
    const key = 'cancel-after-crash';
    const stream = `idempotency-${createHash('sha256').update(['ohchr', 'POST', path, key].join('\u0000')).digest('hex')}`;
    const claimedAt = test.clock.now().toString();
    await test.store.append(
      stream,
      [{ id: randomUUID(), type: 'IdempotencyKeyClaimed', data: { requestHash: 'of-a-lost-request', claimedAt }, metadata: { actor: 'ohchr', correlationId: 'crashed-request', occurredAt: claimedAt } }],
      { expectedVersion: 0 },
    );
    const cancel = () => test.as(OHCHR_TOKEN, { method: 'POST', url: path, headers: { 'idempotency-key': key }, payload: {} });
    await assertProblem(t, test, await cancel(), {
      status: 409,
      code: 'idempotency-in-progress',
      detail: 'a request with Idempotency-Key "cancel-after-crash" is still being processed; retry shortly',
    });
    t.equal((await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}` })).json().status, 'active', 'not cancelled');
    test.clock.advance({ seconds: 61 });
    const retried = await cancel();
    t.equal(retried.statusCode, 200);
    t.equal(retried.json().status, 'cancelled');
    t.equal((await cancel()).headers['idempotent-replayed'], 'true');
  });
});

t.test('keys are durable: a new process on the same store replays the first answer', async (t) => {
  const first = await startApp(t);
  const created = await createWithKey(first, 'durable-key-1');
  t.equal(created.statusCode, 201);
  await first.app.close();
  await first.store.close();

  const second = await startApp(t, {}, first.dir);
  const retried = await createWithKey(second, 'durable-key-1');
  t.equal(retried.statusCode, 201);
  t.equal(retried.headers['idempotent-replayed'], 'true');
  t.equal(retried.body, created.body);
  t.same(await organiserMeetings(second), [created.json().id], 'still one meeting');
  await assertProblem(t, second, await createWithKey(second, 'durable-key-1', meetingBody({ title: 'Other' })), {
    status: 422,
    code: 'idempotency-key-reused',
  });
});

t.test('a 503 whose change may have been made keeps the key claimed: a retry with it does not make the change twice', async (t) => {
  let answerLost = true;
  const test = await startApp(t, {}, undefined, {
    // EventStoreDB stored the append, and its answer was lost on the way back
    storeOfApp: (store) =>
      Object.assign(Object.create(store) as EventStore, {
        append: async (...args: Parameters<EventStore['append']>) => {
          const result = await store.append(...args);
          if (!args[0].startsWith('meeting-') || !answerLost) return result;
          answerLost = false;
          throw new StoreUnavailableError('deadline exceeded', { cause: null, mayHaveWritten: true });
        },
      }),
  });
  const refused = await createWithKey(test, 'create-meeting-lost-answer');
  await assertProblem(t, test, refused, { status: 503, code: 'store-unavailable', changeMayHaveBeenMade: true });
  const retried = await createWithKey(test, 'create-meeting-lost-answer');
  await assertProblem(t, test, retried, { status: 409, code: 'idempotency-in-progress' });
  t.equal((await organiserMeetings(test)).length, 1, 'one meeting, made by the first request');
});
