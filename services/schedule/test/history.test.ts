import t from 'tap';
import { OHCHR_TOKEN, startApp, UCLG_TOKEN } from './support/app.ts';
import { addSession, assertProblem, createMeeting, history, release, UUID } from './support/http.ts';

t.test('GET /meetings/:id/history', async (t) => {
  const test = await startApp(t);

  t.test('every change is an event, in order, with who made it, when, and the request it came from', async (t) => {
    const created = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      headers: { 'x-request-id': 'create-req-1' },
      payload: { title: 'First title', timeZone: 'Europe/Zurich' },
    });
    t.equal(created.statusCode, 201);
    const meetingId = created.json().id as string;
    test.clock.advance({ minutes: 5 });
    const added = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/sessions`,
      headers: { 'x-request-id': 'add-req-2' },
      payload: { id: 'opening', title: 'Opening', start: '2025-11-26T09:00', end: '2025-11-26T09:20' },
    });
    t.equal(added.statusCode, 201);
    test.clock.advance({ minutes: 5 });
    t.equal((await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'Second title' } })).statusCode, 200);
    test.clock.advance({ minutes: 5 });
    t.equal((await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'Third title' } })).statusCode, 200);
    test.clock.advance({ minutes: 5 });
    t.equal((await release(test, meetingId, { label: 'Rev.1' })).statusCode, 201);

    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/history` });
    t.equal(response.statusCode, 200);
    const events = response.json().events as Awaited<ReturnType<typeof history>>;
    t.same(
      events.map((event) => [event.revision, event.type, event.actor, event.occurredAt]),
      [
        [1, 'MeetingCreated', 'ohchr', '2025-11-01T09:00:00Z'],
        [2, 'SessionAdded', 'ohchr', '2025-11-01T09:05:00Z'],
        [3, 'MeetingDetailsChanged', 'ohchr', '2025-11-01T09:10:00Z'],
        [4, 'MeetingDetailsChanged', 'ohchr', '2025-11-01T09:15:00Z'],
        [5, 'AgendaReleased', 'ohchr', '2025-11-01T09:20:00Z'],
      ],
    );
    t.same(events[0]?.data, {
      meetingId,
      organiser: 'ohchr',
      title: 'First title',
      timeZone: 'Europe/Zurich',
      description: null,
      location: null,
      documents: [],
      createdAt: '2025-11-01T09:00:00Z',
    });
    t.same(
      events.slice(2, 4).map((event) => event.data),
      [{ title: 'Second title' }, { title: 'Third title' }],
      'nothing is overwritten: both titles stay in the record',
    );
    t.equal(events[0]?.correlationId, 'create-req-1', 'the client\'s request id is the correlation id');
    t.equal(events[1]?.correlationId, 'add-req-2');
    t.match(events[2]?.correlationId, /^[A-Za-z0-9._:-]{1,128}$/, 'a request without an id gets one, as sane as a client\'s');
    for (const event of events) {
      t.match(event.id, UUID, 'each event has a UUID');
      t.match(event.recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'recordedAt is an ISO instant');
    }
    t.equal(new Set(events.map((event) => event.id)).size, events.length, 'ids are unique');
    t.match(events[4]?.data, { version: 1, label: 'Rev.1', releasedBy: 'ohchr', releasedAt: '2025-11-01T09:20:00Z' });
  });

  t.test('the actor is the organiser whose token wrote', async (t) => {
    const created = await createMeeting(t, test, {}, UCLG_TOKEN);
    t.equal((await addSession(test, created.id, { title: 'x', start: '2025-11-26T09:00', end: '2025-11-26T10:00' }, UCLG_TOKEN)).statusCode, 201);
    t.same(
      (await history(test, created.id, UCLG_TOKEN)).map((event) => event.actor),
      ['uclg', 'uclg'],
    );
  });

  t.test('a meeting that does not exist is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings/nope/history' });
    await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
  });

  t.test('the history is for organisers: 401 without a token', async (t) => {
    const created = await createMeeting(t, test);
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${created.id}/history` });
    await assertProblem(t, test, response, { status: 401, code: 'unauthorized' });
  });
});
