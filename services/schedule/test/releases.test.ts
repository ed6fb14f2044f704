import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN } from './support/app.ts';
import { addSession, assertProblem, createMeeting, fileApp, history, release } from './support/http.ts';

const times = (start: string, end: string, startInstant: string, endInstant: string) => ({
  start: { local: start, disambiguation: null },
  end: { local: end, disambiguation: null },
  startInstant,
  endInstant,
});

t.test('releasing a draft', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('a draft has no releases and no agenda', async (t) => {
    const list = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases` });
    await assertProblem(t, test, list, { status: 404, code: 'meeting-not-found', meetingId });
    const one = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/1` });
    await assertProblem(t, test, one, { status: 404, code: 'meeting-not-found', meetingId });
  });

  t.test('GET draft/changes previews the first release', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/draft/changes` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"5"');
    const body = response.json();
    t.match(body, { basedOnVersion: null, nextVersion: 1, releasable: true, notices: 0, changes: { published: true, meetingCancelled: false, meeting: [] } });
    t.same(
      body.changes.sessions.map((change: { kind: string; sessionId: string; sequence: number }) => [change.kind, change.sessionId, change.sequence]),
      [
        ['added', 'opening', 0],
        ['added', 'session-1', 0],
        ['added', 'session-2', 0],
        ['added', 'closing', 0],
      ],
    );
  });

  t.test('POST releases version 1 with every session added', async (t) => {
    const preview = (await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/draft/changes` })).json();
    test.clock.advance({ hours: 1 });
    const response = await release(test, meetingId, { note: 'First programme' });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.etag, '"6"');
    t.equal(response.headers.location, `/meetings/${meetingId}/releases/1`);
    const body = response.json();
    t.same(body.changes, preview.changes, 'the release carries the previewed diff');
    t.match(body, {
      version: 1,
      label: 'Rev.1',
      note: 'First programme',
      notify: true,
      releasedAt: '2025-11-01T10:00:00Z',
      releasedBy: 'ohchr',
      cancelled: false,
    });
    t.same(body.changes.sessions[1], {
      kind: 'added',
      sessionId: 'session-1',
      title: 'Session 1: Human rights cities',
      sequence: 0,
      fields: [],
      times: times('2025-11-26T09:20', '2025-11-26T11:00', '2025-11-26T08:20:00Z', '2025-11-26T10:00:00Z'),
      previous: null,
    });
  });

  t.test('releasing again without a change is a 409', async (t) => {
    const response = await release(test, meetingId, {});
    await assertProblem(t, test, response, { status: 409, code: 'nothing-to-release', lastVersion: 1 });
    const preview = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}/draft/changes` });
    t.match(preview.json(), { basedOnVersion: 1, nextVersion: 2, releasable: false, notices: 0, changes: { published: false, sessions: [], meeting: [] } });
  });

  t.test('a session added and cancelled between two releases is no news', async (t) => {
    const added = await addSession(test, meetingId, { id: 'draft-only', title: 'Draft only', start: '2025-11-27T09:00', end: '2025-11-27T10:00' });
    t.equal(added.statusCode, 201);
    t.equal((await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/draft-only` })).statusCode, 200);
    await assertProblem(t, test, await release(test, meetingId, {}), { status: 409, code: 'nothing-to-release', lastVersion: 1 });
  });

  t.test('the second release names what moved, what changed and which meeting details changed', async (t) => {
    const moved = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { start: '2025-11-26T09:30' } });
    t.equal(moved.statusCode, 200);
    const renamed = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
    t.equal(renamed.statusCode, 200);
    const cancelled = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/session-2` });
    t.equal(cancelled.statusCode, 200);
    const details = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { location: { name: 'Online (Zoom)', url: 'https://zoom.example/j/1' } } });
    t.equal(details.statusCode, 200);
    test.clock.advance({ hours: 1 });
    const response = await release(test, meetingId, { label: 'Rev.1/Corr.1', notify: false });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.location, `/meetings/${meetingId}/releases/2`);
    const body = response.json();
    t.match(body, { version: 2, label: 'Rev.1/Corr.1', note: null, notify: false, releasedAt: '2025-11-01T11:00:00Z', cancelled: false });
    t.same(body.changes.meeting, ['location']);
    t.equal(body.changes.published, false);
    const bySession = Object.fromEntries(body.changes.sessions.map((change: { sessionId: string }) => [change.sessionId, change]));
    t.same(Object.keys(bySession).sort(), ['closing', 'opening', 'session-1', 'session-2'], 'the new location reaches every published session; draft-only never published');
    t.match(bySession.opening, { kind: 'changed', fields: ['location'], sequence: 1 });
    t.same(bySession['session-1'], {
      kind: 'moved',
      sessionId: 'session-1',
      title: 'Session 1: Human rights cities',
      sequence: 1,
      fields: ['location'],
      times: times('2025-11-26T09:30', '2025-11-26T11:00', '2025-11-26T08:30:00Z', '2025-11-26T10:00:00Z'),
      previous: times('2025-11-26T09:20', '2025-11-26T11:00', '2025-11-26T08:20:00Z', '2025-11-26T10:00:00Z'),
    });
    t.match(bySession.closing, { kind: 'changed', fields: ['title', 'location'], title: 'Closing remarks', sequence: 1, previous: null });
    t.match(bySession['session-2'], { kind: 'cancelled', sequence: 1 });
  });

  t.test('restoring a published session is released as restored', async (t) => {
    t.equal((await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions/session-2/restore` })).statusCode, 200);
    const response = await release(test, meetingId, {});
    t.equal(response.statusCode, 201);
    t.match(response.json(), { version: 3, label: 'Rev.3', notify: true });
    t.same(
      response.json().changes.sessions.map((change: { kind: string; sessionId: string; sequence: number }) => [change.kind, change.sessionId, change.sequence]),
      [['restored', 'session-2', 2]],
    );
  });

  t.test('GET releases lists every version oldest first, for anyone', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers['access-control-allow-origin'], '*', 'public and read-only: CORS from any origin');
    t.equal((await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/1` })).headers['access-control-allow-origin'], '*');
    t.same(
      response.json().releases.map((r: { version: number; label: string }) => [r.version, r.label]),
      [
        [1, 'Rev.1'],
        [2, 'Rev.1/Corr.1'],
        [3, 'Rev.3'],
      ],
    );
  });

  t.test('GET releases/:version answers that release as it was posted', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/2` });
    t.equal(response.statusCode, 200);
    t.match(response.json(), { version: 2, label: 'Rev.1/Corr.1', notify: false, releasedBy: 'ohchr', changes: { meeting: ['location'] } });
  });

  t.test('a version that was not released is a 404; one that is not a number a 400', async (t) => {
    const missing = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/4` });
    await assertProblem(t, test, missing, { status: 404, code: 'release-not-found', meetingId, version: 4 });
    for (const version of ['0', 'latest', '1.5']) {
      const bad = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/releases/${version}` });
      await assertProblem(t, test, bad, { status: 400, code: 'invalid-request' });
    }
  });

  t.test('every release is an AgendaReleased event by its organiser', async (t) => {
    const released = (await history(test, meetingId)).filter((event) => event.type === 'AgendaReleased');
    t.same(released.map((event) => [event.data.version, event.actor]), [
      [1, 'ohchr'],
      [2, 'ohchr'],
      [3, 'ohchr'],
    ]);
  });
});

t.test('release bodies', async (t) => {
  const test = await fileApp();

  t.test('a label over 100 characters or an unknown field is refused', async (t) => {
    const created = await createMeeting(t, test);
    const long = await release(test, created.id, { label: 'x'.repeat(101) });
    await assertProblem(t, test, long, { status: 400, code: 'invalid-request' });
    const unknown = await release(test, created.id, { labels: ['Rev.1'] });
    await assertProblem(t, test, unknown, { status: 400, code: 'invalid-request', errors: [{ pointer: '/labels', message: 'is not a known field' }] });
  });

  t.test('a release without a body takes the defaults (every field of the body is optional)', async (t) => {
    const created = await createMeeting(t, test);
    const response = await release(test, created.id);
    t.equal(response.statusCode, 201, 'released');
    t.match(response.json(), { version: 1, label: 'Rev.1', note: null, notify: true }, 'with the defaults');
  });

  t.test('a meeting without sessions can be released (its details are published)', async (t) => {
    const created = await createMeeting(t, test);
    const response = await release(test, created.id, {});
    t.equal(response.statusCode, 201);
    t.match(response.json(), { version: 1, changes: { published: true, sessions: [] } });
  });

  t.test('a draft cancelled before it was ever released is not releasable, and the preview says so', async (t) => {
    const created = await createMeeting(t, test);
    t.equal((await addSession(test, created.id, { id: 'opening', title: 'Opening', start: '2025-11-27T09:00', end: '2025-11-27T10:00' })).statusCode, 201);
    const cancelled = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${created.id}/cancel`, payload: { reason: 'postponed' } });
    t.equal(cancelled.statusCode, 200, cancelled.body);
    const preview = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${created.id}/draft/changes` });
    t.match(preview.json(), { releasable: false, notices: 0 });
    await assertProblem(t, test, await release(test, created.id, {}), { status: 409, code: 'meeting-cancelled' });
  });

  t.test('releasing a meeting that does not exist is a 404', async (t) => {
    await assertProblem(t, test, await release(test, 'nope', {}), { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
    const preview = await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings/nope/draft/changes' });
    await assertProblem(t, test, preview, { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
    const list = await test.app.inject({ method: 'GET', url: '/meetings/nope/releases' });
    await assertProblem(t, test, list, { status: 404, code: 'meeting-not-found', meetingId: 'nope' });
  });
});
