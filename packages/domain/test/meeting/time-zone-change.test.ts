import t from 'tap';
import { instantOf, NonexistentLocalTimeError, type ExistingMeeting, type MeetingEvent } from '../../src/index.ts';
import { command, given, meetingCreated, opening, released, session1, sessionAdded, stateOf } from './given.ts';

t.test('keep-instants rewrites the wall times in the new zone', async (t) => {
  given(t, [meetingCreated, opening, session1])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-instants' }))
    .then([
      {
        type: 'MeetingTimeZoneChanged',
        data: {
          timeZone: 'America/New_York',
          policy: 'keep-instants',
          sessions: [
            { sessionId: 'opening', start: { local: '2025-11-26T03:00', disambiguation: null }, end: { local: '2025-11-26T03:20', disambiguation: null } },
            { sessionId: 's1', start: { local: '2025-11-26T03:20', disambiguation: null }, end: { local: '2025-11-26T05:00', disambiguation: null } },
          ],
        },
      },
    ]);
});

t.test('keep-instants records which side of a fold the new wall time is on', async (t) => {
  // 06:30Z on 2026-11-01 is 01:30 EST in New York, the second (later) 01:30 of that night.
  const early = sessionAdded('e', '2026-11-01T07:30', '2026-11-01T08:00');
  given(t, [meetingCreated, early])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-instants' }))
    .then([
      {
        type: 'MeetingTimeZoneChanged',
        data: {
          timeZone: 'America/New_York',
          policy: 'keep-instants',
          sessions: [{ sessionId: 'e', start: { local: '2026-11-01T01:30', disambiguation: 'later' }, end: { local: '2026-11-01T02:00', disambiguation: null } }],
        },
      },
    ]);
});

t.test('keep-wall-times keeps the wall times and moves the instants', async (t) => {
  given(t, [meetingCreated, opening])
    .when(command('ChangeTimeZone', { timeZone: 'Asia/Tokyo', policy: 'keep-wall-times' }))
    .then([{ type: 'MeetingTimeZoneChanged', data: { timeZone: 'Asia/Tokyo', policy: 'keep-wall-times', sessions: [] } }]);
});

t.test('keep-wall-times refuses a wall time that does not exist in the new zone, naming its session', async (t) => {
  const night = sessionAdded('n', '2026-03-08T02:30', '2026-03-08T04:00');
  const refused = given(t, [meetingCreated, night])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times' }))
    .thenFails('nonexistent-local-time', { sessionId: 'n', field: 'start', timeZone: 'America/New_York', validAlternatives: ['2026-03-08T01:59', '2026-03-08T03:00'] });
  t.type(refused, NonexistentLocalTimeError, 'the same named error');
  t.match(refused.message, /^session n: start: 2026-03-08T02:30 does not exist in America\/New_York/);
});

t.test('keep-wall-times refuses a wall time that happens twice in the new zone, unless the command says which', async (t) => {
  // 01:30 on 2026-11-01 happens twice in New York (EDT, then EST); in Zurich it happened once.
  const night = sessionAdded('n', '2026-11-01T01:30', '2026-11-01T03:00');
  const day = sessionAdded('d', '2026-11-01T09:00', '2026-11-01T10:00');
  given(t, [meetingCreated, night, day])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times' }))
    .thenFails('ambiguous-local-time', { sessionId: 'n', timeZone: 'America/New_York', value: '2026-11-01T01:30' });
  given(t, [meetingCreated, night, day])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times', disambiguation: 'later' }))
    .then([
      {
        type: 'MeetingTimeZoneChanged',
        data: {
          timeZone: 'America/New_York',
          policy: 'keep-wall-times',
          // only the time in the fold records the choice: 09:00 happens once and stays as it was
          sessions: [{ sessionId: 'n', start: { local: '2026-11-01T01:30', disambiguation: 'later' }, end: { local: '2026-11-01T03:00', disambiguation: null } }],
        },
      },
    ]);
});

t.test('keep-wall-times: a disambiguation the session stored keeps its word over the command\'s', async (t) => {
  // In New York 01:30 of 2026-11-01 happens twice; the session chose the earlier when it was added.
  const inNewYork = given(t, [meetingCreated])
    .when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times' }))
    .events();
  const night = sessionAdded('n', '2026-11-01T01:30', '2026-11-01T03:00', { start: { local: '2026-11-01T01:30', disambiguation: 'earlier' } });
  const chicago = given(t, [meetingCreated, ...inNewYork, night])
    .when(command('ChangeTimeZone', { timeZone: 'America/Chicago', policy: 'keep-wall-times', disambiguation: 'later' }))
    .events();
  t.same(chicago, [{ type: 'MeetingTimeZoneChanged', data: { timeZone: 'America/Chicago', policy: 'keep-wall-times', sessions: [] } }]);
});

t.test('the same zone changes nothing; an unknown zone is refused', async (t) => {
  given(t, [meetingCreated]).when(command('ChangeTimeZone', { timeZone: 'Europe/Zurich', policy: 'keep-instants' })).then([]);
  given(t, [meetingCreated]).when(command('ChangeTimeZone', { timeZone: 'EST', policy: 'keep-instants' })).thenFails('unknown-time-zone');
});

t.test('a zone change is a participant-visible meeting change', async (t) => {
  const history = released([meetingCreated, opening]);
  const changed = given(t, history).when(command('ChangeTimeZone', { timeZone: 'Europe/Paris', policy: 'keep-wall-times' })).events();
  const [event] = given(t, [...history, ...changed]).when(command('ReleaseAgenda', {})).events();
  t.match(event, { data: { changes: { meeting: ['timeZone'], sessions: [] } } });
});

t.test('the release after a keep-instants zone change shows every session at its same instants, in the new zone\'s wall times', async (t) => {
  const cancelled: MeetingEvent = { type: 'SessionCancelled', data: { sessionId: 's1', reason: null } };
  const v2 = released([...released([meetingCreated, opening, session1]), cancelled]);
  const moved = given(t, v2).when(command('ChangeTimeZone', { timeZone: 'Asia/Tokyo', policy: 'keep-instants' })).events();
  const [, first, second] = (stateOf(released([...v2, ...moved])) as ExistingMeeting).releases;
  t.equal(second!.details.timeZone, 'Asia/Tokyo');
  t.equal(second!.sessions.size, 2);
  for (const id of ['opening', 's1']) {
    const before = first!.sessions.get(id)!;
    const after = second!.sessions.get(id)!;
    // The release did not change the sessions: nothing a participant sees moved, only the zone.
    t.equal(after.sequence, before.sequence, `${id}: SEQUENCE unchanged`);
    t.equal(after.changedInVersion, before.changedInVersion, `${id}: still as released before`);
    t.equal(instantOf(after.start, 'Asia/Tokyo').toString(), instantOf(before.start, 'Europe/Zurich').toString(), `${id}: the same start instant`);
    t.equal(instantOf(after.end, 'Asia/Tokyo').toString(), instantOf(before.end, 'Europe/Zurich').toString(), `${id}: the same end instant`);
  }
  t.equal(second!.sessions.get('opening')!.start.local, '2025-11-26T17:00', '09:00 in Geneva is 17:00 in Tokyo');
  t.equal(second!.sessions.get('s1')!.status, 'cancelled');
});

t.test('after a keep-wall-times zone change, a session cancelled before stays where participants saw it cancelled; restored, it takes its wall times in the new zone', async (t) => {
  const cancelled: MeetingEvent = { type: 'SessionCancelled', data: { sessionId: 's1', reason: null } };
  const v2 = released([...released([meetingCreated, opening, session1]), cancelled]);
  const moved = given(t, v2).when(command('ChangeTimeZone', { timeZone: 'Asia/Tokyo', policy: 'keep-wall-times' })).events();
  const v3 = released([...v2, ...moved]);
  const [, before, after] = (stateOf(v3) as ExistingMeeting).releases;
  const s1Before = before!.sessions.get('s1')!;
  const s1After = after!.sessions.get('s1')!;
  t.equal(after!.sessions.get('opening')!.sequence, before!.sessions.get('opening')!.sequence + 1, 'the opening moved: SEQUENCE+1');
  t.equal(s1After.sequence, s1Before.sequence, 's1 did not change: SEQUENCE unchanged');
  t.equal(instantOf(s1After.start, 'Asia/Tokyo').toString(), instantOf(s1Before.start, 'Europe/Zurich').toString(), 's1: the same start instant');
  t.equal(instantOf(s1After.end, 'Asia/Tokyo').toString(), instantOf(s1Before.end, 'Europe/Zurich').toString(), 's1: the same end instant');

  const restored = given(t, v3).when(command('RestoreSession', { sessionId: 's1' })).events();
  const draft = stateOf([...v3, ...restored]) as ExistingMeeting;
  t.same(draft.sessions.get('s1')!.start, s1Before.start, 'the draft kept its wall time for a restore');
});

t.test('a session cancelled in the release of a keep-wall-times zone change is shown cancelled where participants saw it, never at a time the new zone skips', async (t) => {
  // 02:30 on 8 March 2026 is a Zurich night time (01:30Z) that New York skips (02:00 → 03:00)
  const night = sessionAdded('night', '2026-03-08T02:30', '2026-03-08T04:00', { title: 'Night session' });
  const v1 = released([meetingCreated, night]);
  const cancelled: MeetingEvent = { type: 'SessionCancelled', data: { sessionId: 'night', reason: null } };
  const moved = given(t, [...v1, cancelled]).when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times' })).events();
  const [release] = given(t, [...v1, cancelled, ...moved]).when(command('ReleaseAgenda', {})).events();
  t.match(release, { data: { changes: { sessions: [{ kind: 'cancelled', sessionId: 'night', times: { start: { local: '2026-03-07T20:30' }, startInstant: '2026-03-08T01:30:00Z' }, previous: null }] } } });
  const shown = (stateOf([...v1, cancelled, ...moved, release!]) as ExistingMeeting).releases[1]!.sessions.get('night')!;
  t.same([shown.status, shown.start.local, shown.end.local], ['cancelled', '2026-03-07T20:30', '2026-03-07T22:00'], '01:30Z–03:00Z in New York');
});

t.test('keep-wall-times checks the sessions as a whole in the new zone: the same wall times may overlap, or end before they start', async (t) => {
  // Auckland's clocks go back on 2026-04-05 at 03:00 (+13:00 → +12:00), Chatham's at 03:45 (+13:45 →
  // +12:45): 02:00–02:59 happens twice in Auckland, 02:45–03:44 in Chatham.
  const created = meetingCreated as Extract<MeetingEvent, { type: 'MeetingCreated' }>;
  const inAuckland: MeetingEvent = { type: 'MeetingCreated', data: { ...created.data, timeZone: 'Pacific/Auckland' } };
  const toChatham = command('ChangeTimeZone', { timeZone: 'Pacific/Chatham', policy: 'keep-wall-times', disambiguation: 'earlier' });
  // a: 01:50 (+13:00) to the second 02:50 (+12:00), 12:50Z–14:50Z; in Chatham 01:50 (+13:45) to the
  // second 02:50 (+12:45) as stored, 12:05Z–14:05Z
  const a = sessionAdded('a', '2026-04-05T01:50', '2026-04-05T02:50', { end: { local: '2026-04-05T02:50', disambiguation: 'later' } });
  // b: 03:00–04:00 (+12:00), 15:00Z–16:00Z; in Chatham the command's earlier 03:00 (+13:45) to 04:00
  // (+12:45), 13:15Z–15:15Z: inside a
  const b = sessionAdded('b', '2026-04-05T03:00', '2026-04-05T04:00');

  t.test('in Auckland, b follows a', async (t) => {
    given(t, [inAuckland, a])
      .when(command('AddSession', { sessionId: 'b', title: 'Session b', kind: 'panel', start: '2026-04-05T03:00', end: '2026-04-05T04:00' }))
      .then([b]);
  });

  t.test('in Chatham with the earlier readings, a and b overlap', async (t) => {
    given(t, [inAuckland, a, b]).when(toChatham).thenFails('sessions-overlap', { sessionId: 'a', otherSessionId: 'b', track: null });
  });

  t.test('with the later readings they do not, and only b records the reading it took', async (t) => {
    given(t, [inAuckland, a, b])
      .when(command('ChangeTimeZone', { timeZone: 'Pacific/Chatham', policy: 'keep-wall-times', disambiguation: 'later' }))
      .then([
        {
          type: 'MeetingTimeZoneChanged',
          data: {
            timeZone: 'Pacific/Chatham',
            policy: 'keep-wall-times',
            // b: 14:15Z–15:15Z, after a's 14:05Z
            sessions: [{ sessionId: 'b', start: { local: '2026-04-05T03:00', disambiguation: 'later' }, end: { local: '2026-04-05T04:00', disambiguation: null } }],
          },
        },
      ]);
  });

  t.test('a session from the second 02:50 to 03:10 would end before it starts', async (t) => {
    // Auckland: 14:50Z–15:10Z. Chatham: the second 02:50 (stored) is 14:05Z, the earlier 03:10 13:25Z.
    const c = sessionAdded('c', '2026-04-05T02:50', '2026-04-05T03:10', { start: { local: '2026-04-05T02:50', disambiguation: 'later' } });
    given(t, [inAuckland, c]).when(toChatham).thenFails('end-not-after-start', { sessionId: 'c', start: '2026-04-05T02:50', end: '2026-04-05T03:10' });
  });
});

t.test('keep-wall-times keeps which pass of a repeated hour each session is in, through a zone where the hour happens once', async (t) => {
  // Zurich's clocks go back on 25 October 2026: 02:00–03:00 happens twice
  const inFold = (sessionId: string, start: string, end: string, disambiguation: 'earlier' | 'later') =>
    sessionAdded(sessionId, start, end, { start: { local: start, disambiguation }, end: { local: end, disambiguation } });
  const v1 = released([
    { ...meetingCreated, data: { ...meetingCreated.data, timeZone: 'Europe/Zurich' } } as MeetingEvent,
    inFold('early', '2026-10-25T02:05', '2026-10-25T02:25', 'earlier'),
    inFold('late', '2026-10-25T02:30', '2026-10-25T02:50', 'later'),
  ]);
  const toNewYork = given(t, v1).when(command('ChangeTimeZone', { timeZone: 'America/New_York', policy: 'keep-wall-times' })).events();
  t.same(toNewYork, [{ type: 'MeetingTimeZoneChanged', data: { timeZone: 'America/New_York', policy: 'keep-wall-times', sessions: [] } }], 'the choices are kept with the wall times');
  const back = given(t, [...v1, ...toNewYork]).when(command('ChangeTimeZone', { timeZone: 'Europe/Zurich', policy: 'keep-wall-times' })).events();
  const meeting = stateOf([...v1, ...toNewYork, ...back]) as ExistingMeeting;
  t.same(
    ['early', 'late'].map((id) => instantOf(meeting.sessions.get(id)!.start, 'Europe/Zurich').toString()),
    ['2026-10-25T00:05:00Z', '2026-10-25T01:30:00Z'],
    'back in Zurich, each where participants saw it: nothing to release',
  );
  given(t, [...v1, ...toNewYork, ...back]).when(command('ReleaseAgenda', {})).thenFails('nothing-to-release');
});
