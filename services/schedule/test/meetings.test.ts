import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN, startApp } from './support/app.ts';
import { assertProblem, createMeeting, fileApp, history, meetingBody, UUID } from './support/http.ts';

const links = (id: string) => ({
  agenda: `https://meridian.test/meetings/${id}/agenda`,
  calendar: `https://meridian.test/meetings/${id}/calendar.ics`,
  webcal: `webcal://meridian.test/meetings/${id}/calendar.ics`,
  page: `https://meridian.test/m/${id}`,
});

t.test('POST /meetings', async (t) => {
  const test = await fileApp();

  t.test('creates a draft owned by the token\'s organiser, stamped by the service clock', async (t) => {
    test.clock.advance({ hours: 2 });
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      payload: meetingBody({
        title: '  Meeting on local government and human rights  ',
        description: 'Concept note attached',
        location: { name: 'Online (MS Teams)', url: 'https://teams.microsoft.com/l/meetup-join/example' },
        documents: [{ title: 'Concept note', url: 'https://example.org/concept-note.pdf' }],
      }),
    });
    t.equal(response.statusCode, 201);
    t.match(response.headers['content-type'], /^application\/json/);
    const body = response.json();
    t.match(body.id, UUID, 'a UUID');
    t.equal(response.headers.etag, '"1"', 'ETag is the revision');
    t.equal(response.headers.location, `/meetings/${body.id}`);
    t.same(body, {
      id: body.id,
      organiser: 'ohchr',
      title: 'Meeting on local government and human rights',
      description: 'Concept note attached',
      location: { name: 'Online (MS Teams)', url: 'https://teams.microsoft.com/l/meetup-join/example' },
      timeZone: 'Europe/Zurich',
      documents: [{ title: 'Concept note', url: 'https://example.org/concept-note.pdf' }],
      status: 'active',
      createdAt: '2025-11-01T11:00:00Z',
      revision: 1,
      releasedVersion: null,
      sessions: [],
      links: links(body.id),
    });
  });

  t.test('optional fields default to null and an empty list', async (t) => {
    const body = await createMeeting(t, test, { title: 'Bare', timeZone: 'UTC' });
    t.equal(body.description, null);
    t.equal(body.location, null);
    t.same(body.documents, []);
    t.equal(body.timeZone, 'UTC');
  });

  t.test('a missing title and zone are each named', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: {} });
    await assertProblem(t, test, response, {
      status: 400,
      code: 'invalid-request',
      errors: [
        { pointer: '/title', message: 'is required' },
        { pointer: '/timeZone', message: 'is required' },
      ],
    });
  });

  t.test('a blank title is refused by the domain rule, naming the field', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: meetingBody({ title: '   ' }) });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-input', field: 'title', reason: 'must not be empty' });
  });

  t.test('a join link must be http(s)', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      payload: meetingBody({ location: { name: 'Room', url: 'ftp://files.example.org/room' } }),
    });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-input', field: 'location.url', reason: 'must be an http(s) URL' });
  });
});

t.test('GET /meetings/:id', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('answers the draft with its sessions in the order they were added, ETag = revision', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"5"');
    const body = response.json();
    t.equal(body.revision, 5);
    t.equal(body.releasedVersion, null);
    t.same(body.location, { name: 'Online (MS Teams)', url: null });
    t.same(
      body.sessions.map((session: { id: string }) => session.id),
      ['opening', 'session-1', 'session-2', 'closing'],
    );
    t.same(body.sessions[1], {
      id: 'session-1',
      title: 'Session 1: Human rights cities',
      kind: 'panel',
      track: null,
      start: '2025-11-26T09:20',
      end: '2025-11-26T11:00',
      startDisambiguation: null,
      endDisambiguation: null,
      startInstant: '2025-11-26T08:20:00Z',
      endInstant: '2025-11-26T10:00:00Z',
      description: null,
      speakers: [],
      status: 'scheduled',
      addedAt: '2025-11-01T09:00:00Z',
    });
    t.same(body.links, links(meetingId));
  });

  t.test('a meeting that does not exist is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings/no-such-meeting' });
    await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', detail: 'no meeting no-such-meeting', meetingId: 'no-such-meeting' });
  });

  t.test('an id that is not an id is a 400', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings/-starts-with-a-dash' });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request' });
  });
});

t.test('PATCH /meetings/:id is a JSON merge patch', async (t) => {
  const test = await fileApp();
  const created = await createMeeting(t, test, {
    description: 'First description',
    location: { name: 'Palais des Nations', url: null },
  });
  const url = `/meetings/${created.id}`;

  t.test('with application/merge-patch+json, fields left out keep their values', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'PATCH',
      url,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ description: 'Second description' }),
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"2"');
    const body = response.json();
    t.equal(body.description, 'Second description');
    t.equal(body.title, 'Meeting on local government and human rights', 'title kept');
    t.same(body.location, { name: 'Palais des Nations', url: null }, 'location kept');
    t.equal(body.revision, 2);
  });

  t.test('with plain JSON, null clears a field and the others stay', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { location: null } });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"3"');
    t.equal(response.json().location, null);
    t.equal(response.json().description, 'Second description', 'description kept');
    const cleared = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { documents: null } });
    t.equal(cleared.statusCode, 200, cleared.body);
    t.same(cleared.json().documents, [], 'a list cleared by null is empty');
  });

  t.test('each patch is recorded as only the fields it changed', async (t) => {
    const events = await history(test, created.id);
    t.same(
      events.slice(1).map((event) => [event.type, event.data]),
      [
        ['MeetingDetailsChanged', { description: 'Second description' }],
        ['MeetingDetailsChanged', { location: null }],
      ],
    );
  });

  t.test('a patch that changes nothing appends nothing', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { description: 'Second description' } });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"3"', 'same revision');
    t.equal((await history(test, created.id)).length, 3);
  });

  t.test('a nested object is merged too (RFC 7396): location.url alone keeps location.name', async (t) => {
    const online = await createMeeting(t, test, { location: { name: 'Online (MS Teams)', url: 'https://teams.example/join/1' } });
    const response = await test.as(OHCHR_TOKEN, {
      method: 'PATCH',
      url: `/meetings/${online.id}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ location: { url: 'https://teams.example/join/2' } }),
    });
    t.equal(response.statusCode, 200, 'merged');
    t.same(response.json().location, { name: 'Online (MS Teams)', url: 'https://teams.example/join/2' }, 'name kept, url replaced');
  });

  t.test('the time zone is not patchable here', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { timeZone: 'Asia/Tokyo' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/timeZone', message: 'is not a known field' }] });
  });

  t.test('an empty title is refused and nothing is recorded', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { title: ' ' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-input', field: 'title' });
    t.equal((await history(test, created.id)).length, 3);
  });

  t.test('a meeting that does not exist is a 404', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: '/meetings/nope', payload: { title: 'x' } });
    await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
  });
});

t.test('POST /meetings/:id/time-zone', async (t) => {
  const test = await fileApp();

  t.test('keep-wall-times: 09:20 stays 09:20 in the new zone, the instant moves', async (t) => {
    const meetingId = await createReferenceMeeting(test, { release: false });
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/time-zone`,
      payload: { timeZone: 'America/New_York', policy: 'keep-wall-times' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
    const body = response.json();
    t.equal(body.timeZone, 'America/New_York');
    const session = body.sessions.find((s: { id: string }) => s.id === 'session-1');
    t.equal(session.start, '2025-11-26T09:20');
    t.equal(session.startInstant, '2025-11-26T14:20:00Z');
  });

  t.test('keep-instants: the sessions stay at the same moments, their wall times are rewritten', async (t) => {
    const meetingId = await createReferenceMeeting(test, { release: false });
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/time-zone`,
      payload: { timeZone: 'Asia/Tokyo', policy: 'keep-instants' },
    });
    t.equal(response.statusCode, 200);
    const session = response.json().sessions.find((s: { id: string }) => s.id === 'session-2');
    t.equal(session.start, '2025-11-26T23:00');
    t.equal(session.end, '2025-11-27T00:45');
    t.equal(session.startInstant, '2025-11-26T14:00:00Z', 'same instant as 15:00 in Geneva');
    const events = await history(test, meetingId);
    t.equal(events.at(-1)?.type, 'MeetingTimeZoneChanged');
    t.equal(events.at(-1)?.data.policy, 'keep-instants');
  });

  t.test('the same zone again changes nothing', async (t) => {
    const created = await createMeeting(t, test);
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${created.id}/time-zone`,
      payload: { timeZone: 'Europe/Zurich', policy: 'keep-instants' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"1"');
  });

  t.test('a policy must be stated', async (t) => {
    const created = await createMeeting(t, test);
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${created.id}/time-zone`, payload: { timeZone: 'Asia/Tokyo' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/policy', message: 'is required' }] });
  });

  t.test('keep-wall-times refuses a zone where a session\'s wall time does not exist', async (t) => {
    // 02:30 on 2026-03-08 exists in Geneva but is skipped in New York.
    const created = await createMeeting(t, test);
    const added = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${created.id}/sessions`,
      payload: { title: 'Night session', start: '2026-03-08T02:30', end: '2026-03-08T04:00' },
    });
    t.equal(added.statusCode, 201);
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${created.id}/time-zone`,
      payload: { timeZone: 'America/New_York', policy: 'keep-wall-times' },
    });
    await assertProblem(t, test, response, {
      status: 422,
      code: 'nonexistent-local-time',
      field: 'start',
      value: '2026-03-08T02:30',
      timeZone: 'America/New_York',
      validAlternatives: ['2026-03-08T01:59', '2026-03-08T03:00'],
    });
  });

  t.test('keep-instants, then a release: the agenda and the feed keep every session at its instants', async (t) => {
    const meetingId = await createReferenceMeeting(test);
    const startsOf = async () => {
      const agenda = (await test.app.inject({ url: `/meetings/${meetingId}/agenda` })).json();
      return Object.fromEntries(agenda.sessions.map((session: { id: string; start: { instant: string } }) => [session.id, session.start.instant]));
    };
    const before = await startsOf();
    await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
    await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
    await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/time-zone`, payload: { timeZone: 'Asia/Tokyo', policy: 'keep-instants' } });
    const released = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
    t.equal(released.statusCode, 201, released.body);
    t.same(await startsOf(), before, 'each session, the cancelled one too, starts when it did');
    const feed = (await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` })).body;
    t.match(feed, /DTSTART;TZID=Asia\/Tokyo:20251126T172000/, 'session 1, 09:20 in Geneva, is 17:20 in Tokyo');
    t.notMatch(feed, /TZID=Asia\/Tokyo:20251126T092000/, 'not Geneva\'s wall time read in Tokyo');
  });

  t.test('keep-wall-times takes a disambiguation for a wall time that happens twice in the new zone', async (t) => {
    // 01:30 on 2026-11-01 happens once in Geneva, twice in New York (EDT, then EST).
    const created = await createMeeting(t, test);
    const url = `/meetings/${created.id}/time-zone`;
    await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${created.id}/sessions`, payload: { title: 'Night', start: '2026-11-01T01:30', end: '2026-11-01T03:00' } });
    const refused = await test.as(OHCHR_TOKEN, { method: 'POST', url, payload: { timeZone: 'America/New_York', policy: 'keep-wall-times' } });
    await assertProblem(t, test, refused, { status: 422, code: 'ambiguous-local-time', value: '2026-11-01T01:30', timeZone: 'America/New_York' });
    const later = await test.as(OHCHR_TOKEN, { method: 'POST', url, payload: { timeZone: 'America/New_York', policy: 'keep-wall-times', disambiguation: 'later' } });
    t.equal(later.statusCode, 200);
    const [night] = later.json().sessions;
    t.match(night, { start: '2026-11-01T01:30', startInstant: '2026-11-01T06:30:00Z' }, 'the second 01:30, in EST');
  });
});

t.test('POST /meetings/:id/cancel', async (t) => {
  const test = await fileApp();

  t.test('a draft is cancelled without a release: nobody saw it', async (t) => {
    const meetingId = await createReferenceMeeting(test, { release: false });
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: { reason: 'Postponed' } });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
    const body = response.json();
    t.equal(body.status, 'cancelled');
    t.equal(body.releasedVersion, null);
    t.same(new Set(body.sessions.map((s: { status: string }) => s.status)), new Set(['cancelled']));
    t.same((await history(test, meetingId)).map((event) => event.type).at(-1), 'MeetingCancelled');
  });

  t.test('a published meeting is cancelled and released at once', async (t) => {
    test.clock.advance({ hours: 24 });
    const meetingId = await createReferenceMeeting(test);
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/cancel`,
      payload: { reason: 'The meeting will not take place', label: 'Cancellation' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"8"', 'MeetingCancelled and AgendaReleased');
    t.equal(response.json().releasedVersion, 2);
    const released = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/2` });
    t.equal(released.statusCode, 200);
    t.match(released.json(), {
      version: 2,
      label: 'Cancellation',
      note: 'The meeting will not take place',
      notify: true,
      cancelled: true,
      releasedAt: '2025-11-02T09:00:00Z',
      changes: { meetingCancelled: true },
    });
    t.same(
      released.json().changes.sessions.map((change: { kind: string; sessionId: string }) => [change.kind, change.sessionId]),
      [
        ['cancelled', 'opening'],
        ['cancelled', 'session-1'],
        ['cancelled', 'session-2'],
        ['cancelled', 'closing'],
      ],
    );

    t.test('nothing can change it any more', async (t) => {
      const writes = [
        { method: 'PATCH' as const, url: `/meetings/${meetingId}`, payload: { title: 'Revived' } },
        { method: 'POST' as const, url: `/meetings/${meetingId}/cancel`, payload: {} },
        { method: 'POST' as const, url: `/meetings/${meetingId}/releases`, payload: {} },
        { method: 'POST' as const, url: `/meetings/${meetingId}/sessions`, payload: { title: 'x', start: '2025-11-27T09:00', end: '2025-11-27T10:00' } },
        { method: 'POST' as const, url: `/meetings/${meetingId}/sessions/opening/restore` },
        { method: 'POST' as const, url: `/meetings/${meetingId}/time-zone`, payload: { timeZone: 'Asia/Tokyo', policy: 'keep-instants' } },
      ];
      for (const write of writes) {
        const refused = await test.as(OHCHR_TOKEN, write);
        await assertProblem(t, test, refused, { status: 409, code: 'meeting-cancelled', meetingId });
      }
      t.equal((await history(test, meetingId)).length, 8, 'nothing appended');
    });
  });

  t.test('unknown fields are refused', async (t) => {
    const created = await createMeeting(t, test);
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${created.id}/cancel`, payload: { why: 'x' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/why', message: 'is not a known field' }] });
  });
});

t.test('behind a proxy that mounts the service under a path, Location keeps that path', async (t) => {
  const test = await startApp(t, { MERIDIAN_PUBLIC_URL: 'https://example.org/schedule' });
  const created = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'Prefixed', timeZone: 'Europe/Zurich' } });
  const meetingId = created.json().id as string;
  t.equal(created.headers.location, `/schedule/meetings/${meetingId}`, 'resolved against https://example.org/schedule/meetings: the meeting, not a path out of the service');
  const session = await test.as(OHCHR_TOKEN, {
    method: 'POST',
    url: `/meetings/${meetingId}/sessions`,
    payload: { id: 'opening', title: 'Opening', kind: 'opening', start: '2031-03-17T09:00', end: '2031-03-17T09:20' },
  });
  t.equal(session.headers.location, `/schedule/meetings/${meetingId}/sessions/opening`);
  const release = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  t.equal(release.headers.location, `/schedule/meetings/${meetingId}/releases/1`);
});
