import t from 'tap';
import type { InjectOptions } from 'fastify';
import { createReferenceMeeting, OHCHR_TOKEN, startApp } from './support/app.ts';
import { addSession, assertProblem, fileApp, history } from './support/http.ts';

t.test('ETag is the revision on every meeting resource', async (t) => {
  const test = await fileApp();
  const created = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'ETags', timeZone: 'Europe/Zurich' } });
  const meetingId = created.json().id as string;
  const base = `/meetings/${meetingId}`;
  // each request with the revision it leaves the meeting at
  const steps: [InjectOptions, number][] = [
    [{ method: 'POST', url: `${base}/sessions`, payload: { id: 's1', title: 'One', start: '2025-11-26T09:00', end: '2025-11-26T10:00' } }, 2],
    [{ method: 'GET', url: `${base}/sessions/s1` }, 2],
    [{ method: 'PATCH', url: `${base}/sessions/s1`, payload: { title: 'One (renamed)' } }, 3],
    [{ method: 'GET', url: base }, 3],
    [{ method: 'DELETE', url: `${base}/sessions/s1` }, 4],
    [{ method: 'POST', url: `${base}/sessions/s1/restore` }, 5],
    [{ method: 'POST', url: `${base}/sessions/s1/speakers`, payload: { id: 'p1', name: 'Ada' } }, 6],
    [{ method: 'DELETE', url: `${base}/sessions/s1/speakers/p1` }, 7],
    [{ method: 'PATCH', url: base, payload: { description: 'With an agenda' } }, 8],
    [{ method: 'POST', url: `${base}/time-zone`, payload: { timeZone: 'Europe/Paris', policy: 'keep-wall-times' } }, 9],
    [{ method: 'GET', url: `${base}/draft/changes` }, 9],
    [{ method: 'POST', url: `${base}/releases`, payload: {} }, 10],
    [{ method: 'POST', url: `${base}/cancel`, payload: {} }, 12],
  ];
  t.equal(created.headers.etag, '"1"', 'POST /meetings');
  for (const [request, revision] of steps) {
    const response = await test.as(OHCHR_TOKEN, request);
    t.ok(response.statusCode < 300, `${request.method} ${String(request.url)} succeeds`);
    t.equal(response.headers.etag, `"${revision}"`, `${request.method} ${String(request.url)}: ETag "${revision}"`);
    if (request.url === base) t.equal(response.json().revision, revision, 'the body\'s revision matches');
    t.equal((await history(test, meetingId)).length, revision, 'the revision is the number of events');
  }
});

t.test('If-Match', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });
  const url = `/meetings/${meetingId}/sessions/session-1`;

  t.test('the current revision lets the write through and answers the next', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, headers: { 'if-match': '"5"' }, payload: { title: 'First edit' } });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
  });

  t.test('a weak tag never matches, even of the current revision: a 412, and nothing is written', async (t) => {
    const weak = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, headers: { 'if-match': ' W/"6" ' }, payload: { title: 'Weak edit' } });
    await assertProblem(t, test, weak, {
      status: 412,
      code: 'precondition-failed',
      detail: 'If-Match W/"6" is a weak tag, which never matches: writes compare tags strongly; send the ETag as it came',
    });
    t.equal((await history(test, meetingId)).length, 6);
  });

  t.test('the wildcard form lets any revision through', async (t) => {
    const strong = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, headers: { 'if-match': '"6"' }, payload: { title: 'Second edit' } });
    t.equal(strong.statusCode, 200);
    t.equal(strong.headers.etag, '"7"');
    const any = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, headers: { 'if-match': '*' }, payload: { title: 'Third edit' } });
    t.equal(any.statusCode, 200);
    t.equal(any.headers.etag, '"8"');
  });

  t.test('a stale revision is a 412 naming both, and nothing is written', async (t) => {
    const writes: InjectOptions[] = [
      { method: 'PATCH', url, payload: { title: 'Lost update' } },
      { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'Lost update' } },
      { method: 'POST', url: `/meetings/${meetingId}/sessions`, payload: { title: 'Lost', start: '2025-11-27T09:00', end: '2025-11-27T10:00' } },
      { method: 'DELETE', url },
      { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} },
      { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: {} },
    ];
    for (const write of writes) {
      const response = await test.as(OHCHR_TOKEN, { ...write, headers: { 'if-match': '"5"' } });
      await assertProblem(t, test, response, {
        status: 412,
        code: 'precondition-failed',
        detail: 'If-Match "5" does not match the current revision "8"',
      });
    }
    t.equal((await history(test, meetingId)).length, 8);
    t.equal((await test.as(OHCHR_TOKEN, { method: 'GET', url })).json().title, 'Third edit');
  });

  t.test('a malformed If-Match is a 400, and nothing is written', async (t) => {
    for (const ifMatch of ['8', '"eight"', '"7", "8"', 'W/8', '"-1"']) {
      const response = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, headers: { 'if-match': ifMatch }, payload: { title: 'Malformed' } });
      t.comment(ifMatch);
      await assertProblem(t, test, response, {
        status: 400,
        code: 'invalid-if-match',
        detail: `If-Match must be one quoted revision, such as "7"; got ${JSON.stringify(ifMatch)}`,
      });
    }
    t.equal((await history(test, meetingId)).length, 8);
  });
});

t.test('concurrent writes without If-Match', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('two writes that do not conflict both succeed, each on its own revision', async (t) => {
    const [first, second] = await Promise.all([
      test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title: 'Renamed one' } }),
      test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { title: 'Renamed two' } }),
    ]);
    t.equal(first?.statusCode, 200);
    t.equal(second?.statusCode, 200);
    t.same(new Set([first?.headers.etag, second?.headers.etag]), new Set(['"6"', '"7"']));
    const meeting = (await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}` })).json();
    t.same(
      meeting.sessions.slice(1, 3).map((session: { title: string }) => session.title),
      ['Renamed one', 'Renamed two'],
      'neither write is lost',
    );
  });

  t.test('many adds at once all land, none lost nor duplicated', async (t) => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        addSession(test, meetingId, { id: `parallel-${index}`, title: `Parallel ${index}`, start: `2025-11-27T${String(8 + index).padStart(2, '0')}:00`, end: `2025-11-27T${String(8 + index).padStart(2, '0')}:45` }),
      ),
    );
    t.same(responses.map((response) => response.statusCode), Array(8).fill(201));
    t.same(responses.map((response) => response.headers.etag).sort(), ['"10"', '"11"', '"12"', '"13"', '"14"', '"15"', '"8"', '"9"']);
    const added = (await history(test, meetingId)).filter((event) => String(event.data.sessionId).startsWith('parallel-'));
    t.equal(added.length, 8);
  });

  t.test('two writes that do conflict: one wins, the other is decided again on the new state and refused', async (t) => {
    const responses = await Promise.all(
      ['A', 'B'].map((name) => addSession(test, meetingId, { id: `slot-${name}`, title: `Slot ${name}`, start: '2025-11-28T09:00', end: '2025-11-28T10:00' })),
    );
    t.same(responses.map((response) => response.statusCode).sort(), [201, 422]);
    const loser = responses.find((response) => response.statusCode === 422)!;
    const winner = responses.find((response) => response.statusCode === 201)!;
    await assertProblem(t, test, loser, { status: 422, code: 'sessions-overlap', otherSessionId: winner.json().id });
  });
});

t.test('two replicas on one SQLite file', async (t) => {
  const first = await startApp(t);
  const second = await startApp(t, {}, first.dir);
  const meetingId = await createReferenceMeeting(first, { release: false });

  t.test('?minRevision= waits for the other replica\'s write to arrive, then answers it', async (t) => {
    const response = await second.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}?minRevision=5` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"5"');
    t.equal(response.json().sessions.length, 4);
  });

  t.test('a release\'s Location, followed on the other replica with ?minRevision=, answers the release', async (t) => {
    const released = await first.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
    t.equal(released.statusCode, 201);
    const response = await second.app.inject({ method: 'GET', url: `${released.headers.location}?minRevision=${JSON.parse(String(released.headers.etag))}` });
    t.equal(response.statusCode, 200, response.body);
    t.match(response.json(), { version: 1 });
  });

  t.test('the feed with ?minRevision= waits for the other replica\'s release, even when the reader holds this replica\'s feed', async (t) => {
    const url = `/meetings/${meetingId}/calendar.ics`;
    const held = (await second.app.inject({ url })).headers.etag as string;
    t.equal((await first.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` })).statusCode, 200);
    const released = await first.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
    const minRevision = JSON.parse(String(released.headers.etag)) as number;
    const response = await second.app.inject({ url: `${url}?minRevision=${minRevision}`, headers: { 'if-none-match': held } });
    t.equal(response.statusCode, 200, 'not the 304 of the feed this replica kept');
    t.match(response.body, /STATUS:CANCELLED/, 'the feed of the new release');
  });

  t.test('a personal feed and a session\'s event.ics with ?minRevision= wait for the other replica\'s release too', async (t) => {
    const created = await second.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: ['session-2'] } });
    t.equal(created.statusCode, 201, created.body);
    const personal = new URL(created.json().url).pathname;
    t.equal((await first.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/session-2` })).statusCode, 200);
    const released = await first.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
    const minRevision = JSON.parse(String(released.headers.etag)) as number;
    for (const url of [personal, `/meetings/${meetingId}/sessions/session-2/event.ics`]) {
      const response = await second.app.inject({ url: `${url}?minRevision=${minRevision}` });
      t.equal(response.statusCode, 200, response.body);
      t.match(response.body, /STATUS:CANCELLED/, `${url}: the new release`);
    }
  });

  t.test('writes through either replica interleave without loss; a stale If-Match from the other is a 412', async (t) => {
    const viaFirst = await first.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { description: 'via first' } });
    t.equal(viaFirst.headers.etag, '"11"');
    const viaSecond = await second.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'via second' } });
    t.equal(viaSecond.statusCode, 200);
    t.equal(viaSecond.headers.etag, '"12"', 'the second replica decided on the first one\'s write');
    t.match(viaSecond.json(), { description: 'via first', title: 'via second' });
    const stale = await first.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, headers: { 'if-match': '"11"' }, payload: { title: 'stale' } });
    await assertProblem(t, first, stale, { status: 412, code: 'precondition-failed', detail: 'If-Match "11" does not match the current revision "12"' });
  });
});
