import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN, REFERENCE_SESSIONS } from './support/app.ts';
import { agenda, assertProblem, createMeeting, fileApp, release } from './support/http.ts';

t.test('GET /meetings/:id/agenda', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test);

  t.test('a browser\'s preflight for a conditional read from another origin is answered', async (t) => {
    for (const url of [`/meetings/${meetingId}/agenda`, `/meetings/${meetingId}/calendar.ics`]) {
      const preflight = await test.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      t.equal(preflight.statusCode, 204, url);
      t.match(preflight.headers, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': /If-None-Match/,
      });
    }
    const organisersOnly = await test.app.inject({ method: 'OPTIONS', url: `/meetings/${meetingId}/history` });
    t.equal(organisersOnly.statusCode, 405, 'an organiser route is not offered to other origins');
  });

  t.test('by default, the latest release in the meeting zone, in English, for any origin', async (t) => {
    const response = await agenda(test, meetingId);
    t.equal(response.statusCode, 200);
    t.equal(response.headers['access-control-allow-origin'], '*', 'public: CORS from any origin');
    t.equal(response.headers['access-control-expose-headers'], 'ETag', 'whose scripts may read the ETag');
    t.match(response.headers.vary, /accept-language/i);
    const body = response.json();
    t.same(body.meeting, {
      id: meetingId,
      title: 'Meeting on local government and human rights',
      timeZone: 'Europe/Zurich',
      description: null,
      location: { name: 'Online (MS Teams)', url: null },
      documents: [],
      cancelled: false,
    });
    t.match(body, { timeZone: 'Europe/Zurich', locale: 'en', version: 1, label: 'Rev.1', releasedAt: '2025-11-01T09:00:00Z' });
    t.same(
      body.sessions.map((session: { id: string }) => session.id),
      REFERENCE_SESSIONS.map((session) => session.id),
      'in start order',
    );
    const session1 = body.sessions[1];
    t.match(session1, { id: 'session-1', title: 'Session 1: Human rights cities', kind: 'panel', track: null, status: 'scheduled', description: null, speakers: [], durationMinutes: 100, sequence: 0 });
    t.match(session1.start, {
      instant: '2025-11-26T08:20:00Z',
      meeting: '2025-11-26T09:20',
      meetingOffset: '+01:00',
      local: '2025-11-26T09:20',
      offset: '+01:00',
      abbreviation: 'GMT+1',
      dayShift: 0,
    });
    t.match(session1.end, { instant: '2025-11-26T10:00:00Z', meeting: '2025-11-26T11:00', local: '2025-11-26T11:00', dayShift: 0 });
    t.same(body.links, {
      agenda: `https://meridian.test/meetings/${meetingId}/agenda`,
      calendar: `https://meridian.test/meetings/${meetingId}/calendar.ics`,
      webcal: `webcal://meridian.test/meetings/${meetingId}/calendar.ics`,
      page: `https://meridian.test/m/${meetingId}`,
    });
  });

  t.test('the abbreviation is the one Intl gives for the locale: CET in en-GB, GMT+1 in en-US', async (t) => {
    const british = (await agenda(test, meetingId, '?locale=en-GB')).json();
    t.equal(british.locale, 'en-GB');
    t.equal(british.sessions[0].start.abbreviation, 'CET');
    t.equal(british.sessions[0].start.offset, '+01:00', 'offset stays numeric');
    const american = (await agenda(test, meetingId, '?locale=en-us')).json();
    t.equal(american.locale, 'en-US', 'canonical locale tag');
    t.equal(american.sessions[0].start.abbreviation, 'GMT+1');
  });

  t.test('without ?locale, the best usable Accept-Language tag', async (t) => {
    const response = await agenda(test, meetingId, '', { 'accept-language': 'xx-nope;q=1, fr-CH;q=0.9, en;q=0.8' });
    t.equal(response.statusCode, 200);
    t.equal(response.json().locale, 'fr-CH');
    t.match(response.json().sessions[0].start.text.date, /novembre/);
    const explicit = await agenda(test, meetingId, '?locale=en-GB', { 'accept-language': 'fr-CH' });
    t.equal(explicit.json().locale, 'en-GB', '?locale wins over the header');
  });

  t.test('no token is needed, and a wrong one changes nothing', async (t) => {
    const anonymous = await agenda(test, meetingId);
    const wrongToken = await agenda(test, meetingId, '', { authorization: 'Bearer not-a-token-of-anyone' });
    t.equal(wrongToken.statusCode, 200);
    t.equal(wrongToken.body, anonymous.body);
  });

  t.test('?version= answers an older release; the default is the latest', async (t) => {
    const moved = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { start: '2025-11-26T09:30' } });
    t.equal(moved.statusCode, 200);
    const cancelled = await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
    t.equal(cancelled.statusCode, 200);
    const unreleased = (await agenda(test, meetingId)).json();
    t.equal(unreleased.sessions[1].start.meeting, '2025-11-26T09:20', 'a draft edit is not visible before its release');
    t.equal((await release(test, meetingId, {})).statusCode, 201);

    const latest = (await agenda(test, meetingId)).json();
    t.equal(latest.version, 2);
    t.equal(latest.label, 'Rev.2');
    t.match(latest.sessions[1], { id: 'session-1', sequence: 1, durationMinutes: 90, start: { meeting: '2025-11-26T09:30' } });
    t.match(latest.sessions[3], { id: 'closing', status: 'cancelled', sequence: 1 }, 'a cancelled session stays, marked cancelled');
    const first = (await agenda(test, meetingId, '?version=1')).json();
    t.equal(first.version, 1);
    t.match(first.sessions[1], { id: 'session-1', sequence: 0, start: { meeting: '2025-11-26T09:20' } });
    t.equal(first.sessions[3].status, 'scheduled');
  });

  t.test('a version never released is a 404; version 0 or a word is a 400', async (t) => {
    await assertProblem(t, test, await agenda(test, meetingId, '?version=3'), { status: 404, code: 'release-not-found', meetingId, version: 3 });
    await assertProblem(t, test, await agenda(test, meetingId, '?version=0'), { status: 400, code: 'invalid-request' });
    await assertProblem(t, test, await agenda(test, meetingId, '?version=latest'), { status: 400, code: 'invalid-request' });
  });

  t.test('a tz longer than 64 characters is a 400', async (t) => {
    await assertProblem(t, test, await agenda(test, meetingId, `?tz=${'A'.repeat(65)}`), { status: 400, code: 'invalid-request' });
  });
});

t.test('agendas that cannot be shown', async (t) => {
  const test = await fileApp();

  t.test('a draft has no agenda yet: 404', async (t) => {
    const created = await createMeeting(t, test);
    const response = await agenda(test, created.id);
    await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', meetingId: created.id });
    t.equal(response.headers['access-control-allow-origin'], '*', 'errors of public routes are readable cross-origin too');
  });

  t.test('a meeting that does not exist: 404', async (t) => {
    await assertProblem(t, test, await agenda(test, 'no-such-meeting'), { status: 404, code: 'meeting-not-found', meetingId: 'no-such-meeting' });
  });
});

t.test('a cancelled meeting\'s agenda says so, every session cancelled', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test);
  const cancel = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: { reason: 'Postponed' } });
  t.equal(cancel.statusCode, 200);
  const body = (await agenda(test, meetingId)).json();
  t.equal(body.version, 2);
  t.equal(body.meeting.cancelled, true);
  t.same(
    body.sessions.map((session: { status: string; sequence: number }) => [session.status, session.sequence]),
    [
      ['cancelled', 1],
      ['cancelled', 1],
      ['cancelled', 1],
      ['cancelled', 1],
    ],
  );
});
