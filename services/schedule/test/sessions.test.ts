import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN } from './support/app.ts';
import { addSession, assertProblem, fileApp, history, UUID } from './support/http.ts';

t.test('POST /meetings/:id/sessions', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('adds a session at wall times of the meeting zone, with its instants', async (t) => {
    test.clock.advance({ minutes: 30 });
    const response = await addSession(test, meetingId, {
      id: 'side-event',
      title: 'Side event: city networks',
      kind: 'workshop',
      track: 'Room XXI',
      start: '2025-11-26T13:00',
      end: '2025-11-26T14:30',
      description: 'Informal exchange',
      speakers: [{ id: 'ada', name: ' Ada Lovelace ', affiliation: 'City of Vienna' }, { name: 'Grace Hopper', role: 'moderator' }],
    });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.etag, '"6"');
    t.equal(response.headers.location, `/meetings/${meetingId}/sessions/side-event`);
    const body = response.json();
    t.match(body.speakers[1].id, UUID, 'a speaker without an id gets one');
    t.same(body, {
      id: 'side-event',
      title: 'Side event: city networks',
      kind: 'workshop',
      track: 'Room XXI',
      start: '2025-11-26T13:00',
      end: '2025-11-26T14:30',
      startDisambiguation: null,
      endDisambiguation: null,
      startInstant: '2025-11-26T12:00:00Z',
      endInstant: '2025-11-26T13:30:00Z',
      description: 'Informal exchange',
      speakers: [
        { id: 'ada', name: 'Ada Lovelace', affiliation: 'City of Vienna', role: null },
        { id: body.speakers[1].id, name: 'Grace Hopper', affiliation: null, role: 'moderator' },
      ],
      status: 'scheduled',
      addedAt: '2025-11-01T09:30:00Z',
    });
  });

  t.test('without an id the session gets a UUID and kind "other"', async (t) => {
    const response = await addSession(test, meetingId, { title: 'Evening reception', start: '2025-11-26T18:00', end: '2025-11-26T19:30' });
    t.equal(response.statusCode, 201);
    t.match(response.json().id, UUID);
    t.equal(response.json().kind, 'other');
    t.equal(response.headers.location, `/meetings/${meetingId}/sessions/${response.json().id}`);
  });

  t.test('an id already used is a 409', async (t) => {
    const response = await addSession(test, meetingId, { id: 'opening', title: 'Again', start: '2025-11-27T09:00', end: '2025-11-27T10:00' });
    await assertProblem(t, test, response, { status: 409, code: 'session-already-exists', sessionId: 'opening' });
  });

  t.test('an end not after the start is a 422', async (t) => {
    const before = await addSession(test, meetingId, { title: 'Backwards', start: '2025-11-27T10:00', end: '2025-11-27T09:00' });
    await assertProblem(t, test, before, { status: 422, code: 'end-not-after-start', start: '2025-11-27T10:00', end: '2025-11-27T09:00' });
    const empty = await addSession(test, meetingId, { title: 'Instant', start: '2025-11-27T10:00', end: '2025-11-27T10:00' });
    await assertProblem(t, test, empty, { status: 422, code: 'end-not-after-start' });
  });

  t.test('an overlap in a track is a 422 naming the other session; another track is fine', async (t) => {
    const overlap = await addSession(test, meetingId, { id: 'clash', title: 'Clash', start: '2025-11-26T10:30', end: '2025-11-26T11:30' });
    await assertProblem(t, test, overlap, {
      status: 422,
      code: 'sessions-overlap',
      sessionId: 'clash',
      otherSessionId: 'session-1',
      track: null,
      detail: 'the session overlaps "Session 1: Human rights cities" (2025-11-26T09:20 to 2025-11-26T11:00) in the main track; put one of them in another track or move it',
    });
    const parallel = await addSession(test, meetingId, { id: 'clash', title: 'Parallel', track: 'Room B', start: '2025-11-26T10:30', end: '2025-11-26T11:30' });
    t.equal(parallel.statusCode, 201);
  });

  t.test('a time written with a space or an offset is refused by the schema', async (t) => {
    for (const start of ['2025-11-27 09:00', '2025-11-27T09:00+01:00', '2025-11-27T09:00Z', '09:00']) {
      const response = await addSession(test, meetingId, { title: 'x', start, end: '2025-11-27T10:00' });
      await assertProblem(t, test, response, { status: 400, code: 'invalid-request' });
      t.equal(response.json().errors[0].pointer, '/start', start);
    }
  });

  t.test('a date that does not exist is an invalid local time', async (t) => {
    const response = await addSession(test, meetingId, { title: 'x', start: '2025-02-30T09:00', end: '2025-11-27T10:00' });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-local-time', field: 'start', value: '2025-02-30T09:00' });
  });

  t.test('an unknown kind is refused', async (t) => {
    const response = await addSession(test, meetingId, { title: 'x', kind: 'party', start: '2025-11-27T09:00', end: '2025-11-27T10:00' });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request' });
  });

  t.test('a meeting that does not exist is a 404', async (t) => {
    const response = await addSession(test, 'nope', { title: 'x', start: '2025-11-27T09:00', end: '2025-11-27T10:00' });
    await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
  });

  t.test('refused requests recorded nothing', async (t) => {
    t.same(
      (await history(test, meetingId)).map((event) => event.type),
      ['MeetingCreated', 'SessionAdded', 'SessionAdded', 'SessionAdded', 'SessionAdded', 'SessionAdded', 'SessionAdded', 'SessionAdded'],
    );
  });
});

t.test('GET /meetings/:id/sessions/:sessionId', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('answers the session with the meeting revision as ETag', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/sessions/closing` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"5"');
    t.match(response.json(), { id: 'closing', title: 'Closing session', kind: 'closing', start: '2025-11-26T16:45', end: '2025-11-26T17:00', endInstant: '2025-11-26T16:00:00Z' });
  });

  t.test('without a token it is a 401 at once, whatever minRevision asks to wait for', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/sessions/closing?minRevision=99` });
    await assertProblem(t, test, response, { status: 401, code: 'unauthorized' });
  });

  t.test('a session that does not exist is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/sessions/nope` });
    await assertProblem(t, test, response, { status: 404, code: 'session-not-found', sessionId: 'nope' });
  });
});

t.test('PATCH /meetings/:id/sessions/:sessionId', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });
  const url = `/meetings/${meetingId}/sessions/session-1`;

  t.test('start alone keeps end (merge patch, application/merge-patch+json)', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'PATCH',
      url,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ start: '2025-11-26T09:30' }),
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
    t.match(response.json(), { start: '2025-11-26T09:30', end: '2025-11-26T11:00', startInstant: '2025-11-26T08:30:00Z', title: 'Session 1: Human rights cities' });
    const last = (await history(test, meetingId)).at(-1);
    t.same([last?.type, last?.data], [
      'SessionRescheduled',
      { sessionId: 'session-1', start: { local: '2025-11-26T09:30', disambiguation: null }, end: { local: '2025-11-26T11:00', disambiguation: null } },
    ]);
  });

  t.test('the result is validated as a whole: a start after the kept end is a 422', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { start: '2025-11-26T11:30' } });
    await assertProblem(t, test, response, { status: 422, code: 'end-not-after-start', start: '2025-11-26T11:30', end: '2025-11-26T11:00' });
  });

  t.test('moving into another session\'s slot is a 422; moving with a new track is checked together', async (t) => {
    const clash = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { end: '2025-11-26T15:30' } });
    await assertProblem(t, test, clash, { status: 422, code: 'sessions-overlap', sessionId: 'session-1', otherSessionId: 'session-2', track: null });
    const elsewhere = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { end: '2025-11-26T15:30', track: 'Room B' } });
    t.equal(elsewhere.statusCode, 200);
    t.match(elsewhere.json(), { end: '2025-11-26T15:30', track: 'Room B' });
  });

  t.test('details with plain JSON; null clears; speakers replace the list', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'PATCH',
      url,
      payload: { title: 'Session 1: Human rights cities (panel)', description: 'With Q&A', track: null, end: '2025-11-26T11:00', speakers: [{ id: 'p1', name: 'Ada' }] },
    });
    t.equal(response.statusCode, 200);
    t.match(response.json(), { title: 'Session 1: Human rights cities (panel)', description: 'With Q&A', track: null, end: '2025-11-26T11:00' });
    t.same(response.json().speakers, [{ id: 'p1', name: 'Ada', affiliation: null, role: null }]);
    const replaced = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { speakers: [{ id: 'p2', name: 'Grace' }], description: null } });
    t.same(replaced.json().speakers, [{ id: 'p2', name: 'Grace', affiliation: null, role: null }]);
    t.equal(replaced.json().description, null);
    const cleared = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { speakers: null } });
    t.equal(cleared.statusCode, 200, cleared.body);
    t.same(cleared.json().speakers, [], 'null clears the list');
  });

  t.test('speakers sent back without their ids are the same speakers: no change to release; their order is one', async (t) => {
    const released = await createReferenceMeeting(test);
    const sessionUrl = `/meetings/${released}/sessions/session-1`;
    const panel = [{ name: 'Ana Ruiz', affiliation: 'UN-Habitat' }, { name: 'Li Wei', role: 'panelist' }];
    const staffed = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: sessionUrl, payload: { speakers: panel } });
    const ids = staffed.json().speakers.map((speaker: { id: string }) => speaker.id);
    t.equal((await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${released}/releases`, payload: {} })).statusCode, 201);

    const before = (await history(test, released)).length;
    const resent = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: sessionUrl, payload: { speakers: [panel[0], { ...panel[1], name: ' Li Wei ' }] } });
    t.equal(resent.statusCode, 200);
    t.same(resent.json().speakers.map((speaker: { id: string }) => speaker.id), ids, 'each keeps the id they had');
    t.equal((await history(test, released)).length, before, 'no event: the list is the same');
    const again = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${released}/releases`, payload: {} });
    await assertProblem(t, test, again, { status: 409, code: 'nothing-to-release' });

    // the order is the one participants read (the moderator first, say): another is a change
    const reordered = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: sessionUrl, payload: { speakers: [panel[1], panel[0]] } });
    t.same(reordered.json().speakers.map((speaker: { id: string }) => speaker.id), [...ids].reverse(), 'the same speakers, in the order sent');
    t.ok((await history(test, released)).length > before, 'a new order is recorded');
    const reorderRelease = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${released}/releases`, payload: {} });
    t.equal(reorderRelease.statusCode, 201, 'and released');

    const renamed = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: sessionUrl, payload: { speakers: [panel[0], { name: 'Li Wei', role: 'moderator' }] } });
    const [ana, li] = renamed.json().speakers;
    t.equal(ana.id, ids[0], 'the unchanged speaker keeps their id');
    t.not(li.id, ids[1], 'a speaker with another role is another assignment');
  });

  t.test('an empty patch changes nothing and appends nothing', async (t) => {
    const before = (await history(test, meetingId)).length;
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: {} });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, `"${before}"`);
    t.equal((await history(test, meetingId)).length, before);
  });

  t.test('an unknown field is refused', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { room: 'XX' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/room', message: 'is not a known field' }] });
  });

  t.test('a session that does not exist is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/nope`, payload: { title: 'x' } });
    await assertProblem(t, test, response, { status: 404, code: 'session-not-found', sessionId: 'nope' });
  });
});

t.test('DELETE cancels a session, restore brings it back', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });
  const url = `/meetings/${meetingId}/sessions/session-1`;

  t.test('DELETE marks it cancelled, with the reason recorded', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `${url}?reason=${encodeURIComponent('Speaker unavailable')}` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
    t.equal(response.json().status, 'cancelled');
    const last = (await history(test, meetingId)).at(-1);
    t.same([last?.type, last?.data], ['SessionCancelled', { sessionId: 'session-1', reason: 'Speaker unavailable' }]);
  });

  t.test('cancelling twice changes nothing', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'DELETE', url });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
    t.equal(response.json().status, 'cancelled');
  });

  t.test('a cancelled session cannot be edited nor staffed', async (t) => {
    const patch = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { title: 'x' } });
    await assertProblem(t, test, patch, { status: 409, code: 'session-cancelled', sessionId: 'session-1' });
    const speaker = await test.as(OHCHR_TOKEN, { method: 'POST', url: `${url}/speakers`, payload: { name: 'Ada' } });
    await assertProblem(t, test, speaker, { status: 409, code: 'session-cancelled', sessionId: 'session-1' });
  });

  t.test('its slot is free: restoring while another session took it is a 422', async (t) => {
    const taken = await addSession(test, meetingId, { id: 'replacement', title: 'Replacement', start: '2025-11-26T09:30', end: '2025-11-26T10:30' });
    t.equal(taken.statusCode, 201);
    const restore = await test.as(OHCHR_TOKEN, { method: 'POST', url: `${url}/restore` });
    await assertProblem(t, test, restore, { status: 422, code: 'sessions-overlap', sessionId: 'session-1', otherSessionId: 'replacement', track: null });
    t.equal((await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/replacement` })).statusCode, 200);
  });

  t.test('restore makes it scheduled again', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `${url}/restore` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"9"');
    t.equal(response.json().status, 'scheduled');
  });

  t.test('restoring a scheduled session is a 409', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `${url}/restore` });
    await assertProblem(t, test, response, { status: 409, code: 'session-not-cancelled', sessionId: 'session-1' });
  });

  t.test('a reason longer than 2000 characters is refused', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/opening?reason=${'x'.repeat(2001)}` });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request' });
  });

  t.test('cancelling or restoring a session that does not exist is a 404', async (t) => {
    const cancel = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/nope` });
    await assertProblem(t, test, cancel, { status: 404, code: 'session-not-found', sessionId: 'nope' });
    const restore = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions/nope/restore` });
    await assertProblem(t, test, restore, { status: 404, code: 'session-not-found', sessionId: 'nope' });
  });
});

t.test('speakers', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });
  const url = `/meetings/${meetingId}/sessions/session-2/speakers`;

  t.test('POST assigns a speaker', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url,
      payload: { id: 'kofi', name: 'Kofi Annan', affiliation: 'United Nations', role: 'keynote speaker' },
    });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.etag, '"6"');
    t.same(response.json().speakers, [{ id: 'kofi', name: 'Kofi Annan', affiliation: 'United Nations', role: 'keynote speaker' }]);
  });

  t.test('the same speaker twice is a 409', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url, payload: { id: 'kofi', name: 'Kofi Annan' } });
    await assertProblem(t, test, response, { status: 409, code: 'speaker-already-assigned', sessionId: 'session-2', speakerId: 'kofi' });
  });

  t.test('a speaker needs a name', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url, payload: { id: 'nameless' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/name', message: 'is required' }] });
  });

  t.test('DELETE removes a speaker', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `${url}/kofi` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"7"');
    t.same(response.json().speakers, []);
  });

  t.test('removing a speaker who is not on the session is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `${url}/kofi` });
    await assertProblem(t, test, response, { status: 404, code: 'speaker-not-found', sessionId: 'session-2', speakerId: 'kofi' });
  });

  t.test('speakers of a session that does not exist: 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions/nope/speakers`, payload: { name: 'Ada' } });
    await assertProblem(t, test, response, { status: 404, code: 'session-not-found', sessionId: 'nope' });
  });
});
