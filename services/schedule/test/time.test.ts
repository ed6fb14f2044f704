import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN } from './support/app.ts';
import { addSession, agenda, assertProblem, createMeeting, fileApp, history, release } from './support/http.ts';

const REAL_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

t.test('a local time that does not exist (spring forward) is a 422 naming the nearest valid times', async (t) => {
  const test = await fileApp();
  const meeting = await createMeeting(t, test);

  t.test('in start', async (t) => {
    const response = await addSession(test, meeting.id, { title: 'Night', start: '2026-03-29T02:30', end: '2026-03-29T04:00' });
    await assertProblem(t, test, response, {
      status: 422,
      code: 'nonexistent-local-time',
      field: 'start',
      value: '2026-03-29T02:30',
      timeZone: 'Europe/Zurich',
      validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'],
      detail: 'start: 2026-03-29T02:30 does not exist in Europe/Zurich (the clocks skip it); the nearest valid times are 2026-03-29T01:59 and 2026-03-29T03:00',
    });
  });

  t.test('in end, and in another zone\'s gap', async (t) => {
    const end = await addSession(test, meeting.id, { title: 'Night', start: '2026-03-29T01:00', end: '2026-03-29T02:00' });
    await assertProblem(t, test, end, { status: 422, code: 'nonexistent-local-time', field: 'end', value: '2026-03-29T02:00', validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'] });
    const newYork = await createMeeting(t, test, { timeZone: 'America/New_York' });
    const gap = await addSession(test, newYork.id, { title: 'Night', start: '2026-03-08T02:15', end: '2026-03-08T04:00' });
    await assertProblem(t, test, gap, {
      status: 422,
      code: 'nonexistent-local-time',
      timeZone: 'America/New_York',
      value: '2026-03-08T02:15',
      validAlternatives: ['2026-03-08T01:59', '2026-03-08T03:00'],
    });
  });

  t.test('when moved there by a PATCH, and nothing is ever shifted silently', async (t) => {
    const added = await addSession(test, meeting.id, { id: 'early', title: 'Early', start: '2026-03-29T01:00', end: '2026-03-29T01:30' });
    t.equal(added.statusCode, 201);
    const moved = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meeting.id}/sessions/early`, payload: { end: '2026-03-29T02:30' } });
    await assertProblem(t, test, moved, { status: 422, code: 'nonexistent-local-time', field: 'end', value: '2026-03-29T02:30' });
    t.same((await history(test, meeting.id)).map((event) => event.type), ['MeetingCreated', 'SessionAdded']);
  });
});

t.test('a local time that happens twice (fall back)', async (t) => {
  const test = await fileApp();
  const meeting = await createMeeting(t, test);
  const url = `/meetings/${meeting.id}/sessions/fold`;

  t.test('is a 422 with both readings', async (t) => {
    const response = await addSession(test, meeting.id, { id: 'fold', title: 'In the fold', start: '2026-10-25T02:30', end: '2026-10-25T03:30' });
    await assertProblem(t, test, response, {
      status: 422,
      code: 'ambiguous-local-time',
      field: 'start',
      value: '2026-10-25T02:30',
      timeZone: 'Europe/Zurich',
      validAlternatives: [
        { disambiguation: 'earlier', instant: '2026-10-25T00:30:00Z', offset: '+02:00' },
        { disambiguation: 'later', instant: '2026-10-25T01:30:00Z', offset: '+01:00' },
      ],
    });
  });

  t.test('is accepted with disambiguation, stored with the time it resolved', async (t) => {
    const response = await addSession(test, meeting.id, {
      id: 'fold',
      title: 'In the fold',
      start: '2026-10-25T02:30',
      end: '2026-10-25T03:30',
      disambiguation: 'earlier',
    });
    t.equal(response.statusCode, 201);
    t.match(response.json(), {
      start: '2026-10-25T02:30',
      end: '2026-10-25T03:30',
      startDisambiguation: 'earlier',
      endDisambiguation: null,
      startInstant: '2026-10-25T00:30:00Z',
      endInstant: '2026-10-25T02:30:00Z',
    });
    const later = await addSession(test, meeting.id, { id: 'fold-later', title: 'Later', track: 'B', start: '2026-10-25T02:30', end: '2026-10-25T02:45', disambiguation: 'later' });
    t.equal(later.statusCode, 201);
    t.match(later.json(), { startDisambiguation: 'later', endDisambiguation: 'later', startInstant: '2026-10-25T01:30:00Z', endInstant: '2026-10-25T01:45:00Z' });
  });

  t.test('an edit that leaves the time alone keeps how it was resolved', async (t) => {
    const renamed = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { title: 'Still in the fold' } });
    t.match(renamed.json(), { startDisambiguation: 'earlier', startInstant: '2026-10-25T00:30:00Z' });
    const longer = await test.as(OHCHR_TOKEN, { method: 'PATCH', url, payload: { end: '2026-10-25T04:00' } });
    t.equal(longer.statusCode, 200);
    t.match(longer.json(), { start: '2026-10-25T02:30', startDisambiguation: 'earlier', startInstant: '2026-10-25T00:30:00Z', endInstant: '2026-10-25T03:00:00Z' });
  });

  t.test('a zone change that keeps the wall times keeps the disambiguation', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meeting.id}/time-zone`, payload: { timeZone: 'Europe/Paris', policy: 'keep-wall-times' } });
    t.equal(response.statusCode, 200);
    const session = response.json().sessions.find((s: { id: string }) => s.id === 'fold');
    t.match(session, { start: '2026-10-25T02:30', startDisambiguation: 'earlier', startInstant: '2026-10-25T00:30:00Z' });
  });

  t.test('the agenda gives the true elapsed duration and both offsets', async (t) => {
    t.equal((await release(test, meeting.id, {})).statusCode, 201);
    const session = (await agenda(test, meeting.id)).json().sessions.find((s: { id: string }) => s.id === 'fold');
    t.equal(session.durationMinutes, 150, '02:30 CEST to 04:00 CET is two and a half hours');
    t.match(session.start, { instant: '2026-10-25T00:30:00Z', meeting: '2026-10-25T02:30', meetingOffset: '+02:00', offset: '+02:00' });
    t.match(session.end, { instant: '2026-10-25T03:00:00Z', meeting: '2026-10-25T04:00', meetingOffset: '+01:00', offset: '+01:00' });
  });

  t.test('a session across the spring gap is an hour shorter than its wall times', async (t) => {
    const spring = await addSession(test, meeting.id, { id: 'spring', title: 'Spring', start: '2026-03-29T01:00', end: '2026-03-29T04:00' });
    t.equal(spring.statusCode, 201);
    t.equal((await release(test, meeting.id, {})).statusCode, 201);
    const session = (await agenda(test, meeting.id, '?tz=UTC')).json().sessions.find((s: { id: string }) => s.id === 'spring');
    t.equal(session.durationMinutes, 120);
    t.match(session.start, { instant: '2026-03-29T00:00:00Z', local: '2026-03-29T00:00', offset: '+00:00' });
  });
});

t.test('zones are IANA names, validated and returned as given', async (t) => {
  const test = await fileApp();

  t.test('"CET" is refused with suggestions of real zones', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'CET' } });
    const problem = await assertProblem(t, test, response, { status: 400, code: 'unknown-time-zone', value: 'CET' });
    const suggestions = problem.suggestions as string[];
    for (const zone of ['Europe/Zurich', 'Europe/Paris', 'Europe/Brussels']) t.ok(suggestions.includes(zone), `suggests ${zone}`);
    for (const zone of suggestions) t.ok(REAL_ZONES.has(zone) && zone.includes('/'), `${zone} is a real zone`);
    t.match(problem.detail, /Europe\/Zurich/);
  });

  t.test('"EST" and fixed offsets are refused too, with zones that match them', async (t) => {
    const est = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'EST' } });
    const estProblem = await assertProblem(t, test, est, { status: 400, code: 'unknown-time-zone', value: 'EST' });
    t.ok((estProblem.suggestions as string[]).includes('America/New_York'));
    for (const value of ['UTC+1', '+01:00', 'GMT+01:00']) {
      const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: value } });
      const problem = await assertProblem(t, test, response, { status: 400, code: 'unknown-time-zone', value });
      t.ok((problem.suggestions as string[]).length > 0, `${value}: suggestions`);
      for (const zone of problem.suggestions as string[]) t.ok(REAL_ZONES.has(zone) && zone.includes('/'), `${zone} is a real zone`);
    }
    const nonsense = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'Mars/Olympus_Mons' } });
    await assertProblem(t, test, nonsense, { status: 400, code: 'unknown-time-zone', value: 'Mars/Olympus_Mons', suggestions: [] });
  });

  t.test('an Etc/GMT zone (a fixed offset) is refused with suggestions too', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'Etc/GMT-1' } });
    const problem = await assertProblem(t, test, response, { status: 400, code: 'unknown-time-zone', value: 'Etc/GMT-1' });
    const suggestions = (problem.suggestions ?? []) as string[];
    // POSIX signs are inverted: Etc/GMT-1 is UTC+01:00, the offset of Paris in winter, not of the Azores.
    t.ok(suggestions.includes('Europe/Paris'), 'suggests a zone at +01:00');
    t.notOk(suggestions.includes('Atlantic/Azores'), 'not a zone at -01:00');
  });

  t.test('UTC and CLDR aliases are accepted and kept as written', async (t) => {
    for (const zone of ['UTC', 'Asia/Calcutta', 'Asia/Katmandu', 'Europe/Kiev', 'America/Buenos_Aires']) {
      const created = await createMeeting(t, test, { timeZone: zone });
      t.equal(created.timeZone, zone, `${zone} kept`);
    }
  });

  t.test('a zone change and the agenda refuse abbreviations the same way', async (t) => {
    const meetingId = await createReferenceMeeting(test);
    const change = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/time-zone`, payload: { timeZone: 'CET', policy: 'keep-instants' } });
    await assertProblem(t, test, change, { status: 400, code: 'unknown-time-zone', value: 'CET' });
    const viewer = await agenda(test, meetingId, '?tz=CET');
    const problem = await assertProblem(t, test, viewer, { status: 400, code: 'unknown-time-zone', value: 'CET' });
    t.ok((problem.suggestions as string[]).includes('Europe/Zurich'));
    const alias = (await agenda(test, meetingId, '?tz=Asia/Calcutta')).json();
    t.equal(alias.timeZone, 'Asia/Calcutta', 'the viewer zone is echoed as given');
    t.match(alias.sessions[0].start, { local: '2025-11-26T13:30', offset: '+05:30' });
  });

  t.test('an unknown locale is a 400', async (t) => {
    const meetingId = await createReferenceMeeting(test);
    for (const locale of ['zz', 'xx-nope-foo', 'not a locale']) {
      await assertProblem(t, test, await agenda(test, meetingId, `?locale=${encodeURIComponent(locale)}`), { status: 400, code: 'unknown-locale', value: locale });
    }
  });
});

// [start local, start dayShift, end local, end dayShift] of opening, session 1, session 2, closing
type Row = [string, number, string, number];
const VIEWERS: Record<string, { offset: string; abbreviation: string; rows: Row[] }> = {
  'Asia/Tokyo': {
    offset: '+09:00',
    abbreviation: 'GMT+9',
    rows: [
      ['2025-11-26T17:00', 0, '2025-11-26T17:20', 0],
      ['2025-11-26T17:20', 0, '2025-11-26T19:00', 0],
      ['2025-11-26T23:00', 0, '2025-11-27T00:45', 1],
      ['2025-11-27T00:45', 1, '2025-11-27T01:00', 1],
    ],
  },
  'America/New_York': {
    offset: '-05:00',
    abbreviation: 'EST',
    rows: [
      ['2025-11-26T03:00', 0, '2025-11-26T03:20', 0],
      ['2025-11-26T03:20', 0, '2025-11-26T05:00', 0],
      ['2025-11-26T09:00', 0, '2025-11-26T10:45', 0],
      ['2025-11-26T10:45', 0, '2025-11-26T11:00', 0],
    ],
  },
  'Pacific/Auckland': {
    offset: '+13:00',
    abbreviation: 'GMT+13',
    rows: [
      ['2025-11-26T21:00', 0, '2025-11-26T21:20', 0],
      ['2025-11-26T21:20', 0, '2025-11-26T23:00', 0],
      ['2025-11-27T03:00', 1, '2025-11-27T04:45', 1],
      ['2025-11-27T04:45', 1, '2025-11-27T05:00', 1],
    ],
  },
  'Pacific/Honolulu': {
    offset: '-10:00',
    abbreviation: 'HST',
    rows: [
      ['2025-11-25T22:00', -1, '2025-11-25T22:20', -1],
      ['2025-11-25T22:20', -1, '2025-11-26T00:00', 0],
      ['2025-11-26T04:00', 0, '2025-11-26T05:45', 0],
      ['2025-11-26T05:45', 0, '2025-11-26T06:00', 0],
    ],
  },
};
const INSTANTS = [
  ['2025-11-26T08:00:00Z', '2025-11-26T08:20:00Z'],
  ['2025-11-26T08:20:00Z', '2025-11-26T10:00:00Z'],
  ['2025-11-26T14:00:00Z', '2025-11-26T15:45:00Z'],
  ['2025-11-26T15:45:00Z', '2025-11-26T16:00:00Z'],
];

t.test('the agenda in the viewer\'s zone', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test);

  for (const [zone, expected] of Object.entries(VIEWERS)) {
    t.test(zone, async (t) => {
      const response = await agenda(test, meetingId, `?tz=${zone}`);
      t.equal(response.statusCode, 200);
      const body = response.json();
      t.equal(body.timeZone, zone);
      t.equal(body.meeting.timeZone, 'Europe/Zurich');
      t.same(
        body.sessions.map((session: { start: { local: string; dayShift: number }; end: { local: string; dayShift: number } }) => [
          session.start.local,
          session.start.dayShift,
          session.end.local,
          session.end.dayShift,
        ]),
        expected.rows,
        'local wall times and day shifts, start and end separately',
      );
      for (const [index, session] of (body.sessions as { start: Record<string, unknown>; end: Record<string, unknown> }[]).entries()) {
        t.same(
          [session.start.instant, session.end.instant],
          INSTANTS[index],
          'the instants do not depend on the viewer',
        );
        t.match(session.start, { offset: expected.offset, abbreviation: expected.abbreviation, meetingOffset: '+01:00' });
        t.equal(session.start.meeting, body.sessions[index].start.meeting);
      }
      t.same(
        body.sessions.map((session: { start: { meeting: string } }) => session.start.meeting),
        ['2025-11-26T09:00', '2025-11-26T09:20', '2025-11-26T15:00', '2025-11-26T16:45'],
        'the meeting\'s own wall times beside the viewer\'s',
      );
    });
  }
});

t.test('?minRevision= (read-your-write)', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test);

  t.test('a revision already reached answers at once', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}?minRevision=6` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"6"');
  });

  t.test('a revision that never comes: waits briefly, then 503 not-caught-up, on every read that takes it', async (t) => {
    const urls = [
      `/meetings/${meetingId}?minRevision=99`,
      `/meetings/${meetingId}/sessions/opening?minRevision=99`,
      `/meetings/${meetingId}/draft/changes?minRevision=99`,
      `/meetings/${meetingId}/releases?minRevision=99`,
      `/meetings/${meetingId}/agenda?minRevision=99`,
    ];
    const started = performance.now();
    const responses = await Promise.all(urls.map((url) => test.as(OHCHR_TOKEN, { method: 'GET', url })));
    t.ok(performance.now() - started >= 1500, 'it waited before giving up');
    for (const response of responses) {
      await assertProblem(t, test, response, {
        status: 503,
        code: 'not-caught-up',
        detail: `this replica has not reached revision 99 of ${meetingId} yet; retry shortly`,
      });
    }
  });

  t.test('a negative revision is a 400', async (t) => {
    await assertProblem(t, test, await agenda(test, meetingId, '?minRevision=-1'), { status: 400, code: 'invalid-request' });
  });
});
