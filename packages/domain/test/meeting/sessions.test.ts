import t from 'tap';
import type { ExistingMeeting, MeetingEvent } from '../../src/index.ts';
import { command, given, hcAssigned, meetingCreated, opening, released, session1, sessionAdded, sessionCommands, stateOf } from './given.ts';

const add = (sessionId: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
  command('AddSession', { sessionId, title: `Session ${sessionId}`, kind: 'panel', start, end, ...extra });

t.test('AddSession', async (t) => {
  t.test('adds a session with its wall times, speakers trimmed', async (t) => {
    given(t, [meetingCreated])
      .when(
        add('s1', '2025-11-26T09:20', '2025-11-26T11:00', {
          title: 'Session 1: Human rights cities',
          speakers: [{ id: 'p1', name: ' Ada ', affiliation: 'City of Vienna' }],
        }),
      )
      .then([
        sessionAdded('s1', '2025-11-26T09:20', '2025-11-26T11:00', {
          title: 'Session 1: Human rights cities',
          speakers: [{ id: 'p1', name: 'Ada', affiliation: 'City of Vienna', role: null }],
        }),
      ]);
  });

  t.test('a session may start when the previous one ends', async (t) => {
    given(t, [meetingCreated, opening]).when(add('s1', '2025-11-26T09:20', '2025-11-26T11:00')).then([sessionAdded('s1', '2025-11-26T09:20', '2025-11-26T11:00')]);
  });

  t.test('refuses an overlap in the same track, naming the other session', async (t) => {
    given(t, [meetingCreated, opening])
      .when(add('s1', '2025-11-26T09:10', '2025-11-26T11:00'))
      .thenFails('sessions-overlap', { sessionId: 's1', otherSessionId: 'opening', otherStart: '2025-11-26T09:00', otherEnd: '2025-11-26T09:20', track: null });
  });

  t.test('allows an overlap in another track', async (t) => {
    const events = given(t, [meetingCreated, opening]).when(add('s1', '2025-11-26T09:10', '2025-11-26T11:00', { track: 'B' })).events();
    t.equal(events.length, 1);
  });

  t.test('a cancelled session does not block its slot', async (t) => {
    const cancelled = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } } as const;
    t.equal(given(t, [meetingCreated, opening, cancelled]).when(add('s1', '2025-11-26T09:00', '2025-11-26T09:30')).events().length, 1);
  });

  t.test('refuses an end that is not after the start', async (t) => {
    given(t, [meetingCreated])
      .when(add('s1', '2025-11-26T11:00', '2025-11-26T11:00'))
      .thenFails('end-not-after-start', { start: '2025-11-26T11:00', end: '2025-11-26T11:00' });
  });

  t.test('refuses a nonexistent local time, naming the nearest valid times', async (t) => {
    given(t, [meetingCreated])
      .when(add('s1', '2026-03-29T02:30', '2026-03-29T04:00'))
      .thenFails('nonexistent-local-time', {
        field: 'start',
        value: '2026-03-29T02:30',
        timeZone: 'Europe/Zurich',
        validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'],
      });
  });

  t.test('refuses an ambiguous local time without disambiguation, offering both', async (t) => {
    given(t, [meetingCreated])
      .when(add('s1', '2026-10-25T02:30', '2026-10-25T04:00'))
      .thenFails('ambiguous-local-time', {
        field: 'start',
        validAlternatives: [
          { disambiguation: 'earlier', instant: '2026-10-25T00:30:00Z', offset: '+02:00' },
          { disambiguation: 'later', instant: '2026-10-25T01:30:00Z', offset: '+01:00' },
        ],
      });
  });

  t.test('stores the disambiguation with the time it resolved', async (t) => {
    given(t, [meetingCreated])
      .when(add('s1', '2026-10-25T02:30', '2026-10-25T04:00', { disambiguation: 'later' }))
      .then([
        sessionAdded('s1', '2026-10-25T02:30', '2026-10-25T04:00', {
          start: { local: '2026-10-25T02:30', disambiguation: 'later' },
        }),
      ]);
  });

  t.test('compares start and end as instants across a fold', async (t) => {
    // 02:45 (+02:00, earlier) comes before 02:15 (+01:00, later): 45 minutes of real time.
    const cmd = command('AddSession', {
      sessionId: 's1',
      title: 'Night',
      start: '2026-10-25T02:45',
      end: '2026-10-25T02:15',
      disambiguation: 'earlier',
    });
    given(t, [meetingCreated]).when(cmd).thenFails('end-not-after-start');
  });

  t.test('refuses a year outside 1900 to 2999 (a typo such as 0025): its instants would not have four digits', async (t) => {
    for (const end of ['0025-11-26T11:00', '9999-12-31T23:00']) {
      given(t, [meetingCreated]).when(add('s1', '2025-11-26T09:20', end)).thenFails('invalid-local-time', { field: 'end', value: end });
    }
  });

  t.test('refuses malformed local times, offsets included', async (t) => {
    for (const start of ['2025-11-26 09:20', '2025-11-26T09:20+01:00', '2025-11-26T09:20Z', '2025-02-30T09:00', '26/11/2025']) {
      given(t, [meetingCreated]).when(add('s1', start, '2025-11-26T11:00')).thenFails('invalid-local-time', { field: 'start', value: start });
    }
  });

  t.test('refuses a session beyond the 2,000 a meeting may have', async (t) => {
    // in parallel tracks, so that they do not overlap
    const full = Array.from({ length: 2_000 }, (_, n) => sessionAdded(`s${n}`, '2025-11-26T09:00', '2025-11-26T10:00', { track: `track ${n}` }));
    given(t, [meetingCreated, ...full]).when(add('one-more', '2025-11-27T09:00', '2025-11-27T10:00')).thenFails('invalid-input', { field: 'sessions' });
  });

  t.test('refuses a duplicate id, an unknown kind and duplicate speakers', async (t) => {
    given(t, [meetingCreated, opening]).when(add('opening', '2025-11-26T12:00', '2025-11-26T13:00')).thenFails('session-already-exists');
    given(t, [meetingCreated]).when(add('s1', '2025-11-26T12:00', '2025-11-26T13:00', { kind: 'party' })).thenFails('invalid-input', { field: 'kind' });
    given(t, [meetingCreated])
      .when(add('s1', '2025-11-26T12:00', '2025-11-26T13:00', { speakers: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] }))
      .thenFails('invalid-input', { field: 'speakers' });
  });
});

t.test('ChangeSessionDetails', async (t) => {
  t.test('records only the fields that change', async (t) => {
    given(t, [meetingCreated, opening])
      .when(command('ChangeSessionDetails', { sessionId: 'opening', title: 'Opening session', description: 'Welcome' }))
      .then([{ type: 'SessionDetailsChanged', data: { sessionId: 'opening', description: 'Welcome' } }]);
  });

  t.test('a move to a track where the slot is taken is an overlap', async (t) => {
    const other = sessionAdded('b', '2025-11-26T09:00', '2025-11-26T10:00', { track: 'B' });
    given(t, [meetingCreated, opening, other])
      .when(command('ChangeSessionDetails', { sessionId: 'opening', track: 'B' }))
      .thenFails('sessions-overlap', { otherSessionId: 'b', track: 'B' });
  });

  t.test('fails for an unknown or cancelled session', async (t) => {
    given(t, [meetingCreated]).when(command('ChangeSessionDetails', { sessionId: 'nope', title: 'x' })).thenFails('session-not-found', { sessionId: 'nope' });
    const cancelled = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } } as const;
    given(t, [meetingCreated, opening, cancelled])
      .when(command('ChangeSessionDetails', { sessionId: 'opening', title: 'x' }))
      .thenFails('session-cancelled');
  });
});

t.test('RescheduleSession', async (t) => {
  t.test('a start alone keeps the end', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2025-11-26T09:30' }))
      .then([
        {
          type: 'SessionRescheduled',
          data: {
            sessionId: 's1',
            start: { local: '2025-11-26T09:30', disambiguation: null },
            end: { local: '2025-11-26T11:00', disambiguation: null },
          },
        },
      ]);
  });

  t.test('the result is validated as a whole', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2025-11-26T11:30' }))
      .thenFails('end-not-after-start');
  });

  t.test('may not overlap another session', async (t) => {
    given(t, [meetingCreated, opening, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2025-11-26T09:00' }))
      .thenFails('sessions-overlap', { otherSessionId: 'opening' });
  });

  t.test('the same times change nothing', async (t) => {
    given(t, [meetingCreated, session1]).when(command('RescheduleSession', { sessionId: 's1', end: '2025-11-26T11:00' })).then([]);
  });

  t.test('keeps a stored disambiguation for the time left out', async (t) => {
    const night = sessionAdded('n', '2026-10-25T02:30', '2026-10-25T04:00', { start: { local: '2026-10-25T02:30', disambiguation: 'later' } });
    const events = given(t, [meetingCreated, night]).when(command('RescheduleSession', { sessionId: 'n', end: '2026-10-25T05:00' })).events();
    t.match(events, [{ data: { start: { local: '2026-10-25T02:30', disambiguation: 'later' } } }]);
  });

  t.test('a disambiguation alone moves a kept time in a fold to the other 02:30, and nothing else', async (t) => {
    const night = sessionAdded('n', '2026-10-25T02:30', '2026-10-25T04:00', { start: { local: '2026-10-25T02:30', disambiguation: 'earlier' } });
    given(t, [meetingCreated, night])
      .when(command('ReviseSession', { sessionId: 'n', disambiguation: 'later' }))
      .then([
        {
          type: 'SessionRescheduled',
          data: { sessionId: 'n', start: { local: '2026-10-25T02:30', disambiguation: 'later' }, end: { local: '2026-10-25T04:00', disambiguation: null } },
        },
      ]);
    given(t, [meetingCreated, session1]).when(command('ReviseSession', { sessionId: 's1', disambiguation: 'later' })).then([]);
  });

  t.test('a disambiguation sent with one time is for that time: the kept one keeps its reading', async (t) => {
    // 01:10 in the first pass of Zurich's fall-back night, then its end moved to the second 02:50
    const night = sessionAdded('n', '2026-10-25T02:10', '2026-10-25T02:40', { start: { local: '2026-10-25T02:10', disambiguation: 'earlier' }, end: { local: '2026-10-25T02:40', disambiguation: 'earlier' } });
    given(t, [meetingCreated, night])
      .when(command('RescheduleSession', { sessionId: 'n', end: '2026-10-25T02:50', disambiguation: 'later' }))
      .then([
        {
          type: 'SessionRescheduled',
          data: { sessionId: 'n', start: { local: '2026-10-25T02:10', disambiguation: 'earlier' }, end: { local: '2026-10-25T02:50', disambiguation: 'later' } },
        },
      ]);
  });

  t.test('a time sent as stored, without a disambiguation, is the stored one, its reading of a fold kept (a form sends every field)', async (t) => {
    const night = sessionAdded('n', '2026-10-25T02:30', '2026-10-25T04:00', { start: { local: '2026-10-25T02:30', disambiguation: 'later' } });
    given(t, [meetingCreated, night])
      .when(command('ReviseSession', { sessionId: 'n', title: 'Night watch', start: '2026-10-25T02:30', end: '2026-10-25T04:00' }))
      .then([{ type: 'SessionDetailsChanged', data: { sessionId: 'n', title: 'Night watch' } }]);
  });

  t.test('fails for an unknown session', async (t) => {
    given(t, [meetingCreated]).when(command('RescheduleSession', { sessionId: 'x', start: '2025-11-26T09:30' })).thenFails('session-not-found');
  });

  t.test('a session of another track may move into a slot of the main track: tracks are checked apart', async (t) => {
    const inTrackB = sessionAdded('b', '2025-11-26T10:00', '2025-11-26T10:20', { track: 'B' });
    given(t, [meetingCreated, opening, inTrackB])
      .when(command('RescheduleSession', { sessionId: 'b', start: '2025-11-26T09:00', end: '2025-11-26T09:20' }))
      .then([
        {
          type: 'SessionRescheduled',
          data: { sessionId: 'b', start: { local: '2025-11-26T09:00', disambiguation: null }, end: { local: '2025-11-26T09:20', disambiguation: null } },
        },
      ]);
  });

  t.test('refuses a time the clocks skip, naming the nearest valid times', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2026-03-29T02:30', end: '2026-03-29T04:00' }))
      .thenFails('nonexistent-local-time', {
        field: 'start',
        value: '2026-03-29T02:30',
        timeZone: 'Europe/Zurich',
        validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'],
      });
  });

  t.test('refuses a time that happens twice unless the request says which', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2026-10-25T02:30', end: '2026-10-25T04:00' }))
      .thenFails('ambiguous-local-time', {
        field: 'start',
        value: '2026-10-25T02:30',
        validAlternatives: [
          { disambiguation: 'earlier', instant: '2026-10-25T00:30:00Z', offset: '+02:00' },
          { disambiguation: 'later', instant: '2026-10-25T01:30:00Z', offset: '+01:00' },
        ],
      });
  });

  t.test('refuses a malformed time', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', start: '2025-11-26T09:30+01:00' }))
      .thenFails('invalid-local-time', { field: 'start', value: '2025-11-26T09:30+01:00' });
  });

  t.test('a refused end is named as the end, the kept start as it was', async (t) => {
    const early = sessionAdded('e', '2026-03-29T01:00', '2026-03-29T01:30');
    given(t, [meetingCreated, early])
      .when(command('RescheduleSession', { sessionId: 'e', end: '2026-03-29T02:15' }))
      .thenFails('nonexistent-local-time', { field: 'end', value: '2026-03-29T02:15', validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'] });
    const beforeFold = sessionAdded('f', '2026-10-25T01:00', '2026-10-25T01:30');
    given(t, [meetingCreated, beforeFold])
      .when(command('RescheduleSession', { sessionId: 'f', end: '2026-10-25T02:30' }))
      .thenFails('ambiguous-local-time', { field: 'end', value: '2026-10-25T02:30' });
    given(t, [meetingCreated, session1])
      .when(command('RescheduleSession', { sessionId: 's1', end: '2025-11-26 11:30' }))
      .thenFails('invalid-local-time', { field: 'end', value: '2025-11-26 11:30' });
  });
});

t.test('every session command fails for a session the meeting does not have', async (t) => {
  for (const cmd of sessionCommands('nope')) {
    given(t, [meetingCreated, opening, hcAssigned]).when(cmd).thenFails('session-not-found', { sessionId: 'nope' });
  }
});

t.test('a cancelled session refuses every change until it is restored', async (t) => {
  const cancelled = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } } as const;
  // cancelling again changes nothing and restoring is the way back: both are tested with CancelSession and RestoreSession
  const changes = sessionCommands('opening').filter((cmd) => cmd.type !== 'CancelSession' && cmd.type !== 'RestoreSession');
  t.same(changes.map((cmd) => cmd.type), ['ChangeSessionDetails', 'RescheduleSession', 'ReviseSession', 'AssignSpeaker', 'RemoveSpeaker']);
  for (const cmd of changes) {
    given(t, [meetingCreated, opening, hcAssigned, cancelled]).when(cmd).thenFails('session-cancelled', { sessionId: 'opening' });
  }
});

t.test('CancelSession and RestoreSession', async (t) => {
  const cancelled = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: 'Speaker ill' } } as const;

  t.test('cancels with a reason; cancelling again changes nothing', async (t) => {
    given(t, [meetingCreated, opening]).when(command('CancelSession', { sessionId: 'opening', reason: 'Speaker ill' })).then([cancelled]);
    given(t, [meetingCreated, opening, cancelled]).when(command('CancelSession', { sessionId: 'opening' })).then([]);
  });

  t.test('restores a cancelled session', async (t) => {
    given(t, [meetingCreated, opening, cancelled])
      .when(command('RestoreSession', { sessionId: 'opening' }))
      .then([{ type: 'SessionRestored', data: { sessionId: 'opening' } }]);
  });

  t.test('refuses to restore a session that is not cancelled, or into a taken slot', async (t) => {
    given(t, [meetingCreated, opening]).when(command('RestoreSession', { sessionId: 'opening' })).thenFails('session-not-cancelled');
    const taken = sessionAdded('x', '2025-11-26T09:00', '2025-11-26T09:20');
    given(t, [meetingCreated, opening, cancelled, taken])
      .when(command('RestoreSession', { sessionId: 'opening' }))
      .thenFails('sessions-overlap', { otherSessionId: 'x' });
  });

  t.test('fails for an unknown session', async (t) => {
    given(t, [meetingCreated]).when(command('CancelSession', { sessionId: 'x' })).thenFails('session-not-found');
  });

  t.test('a reason keeps its line breaks; one too long or with other control characters is refused', async (t) => {
    given(t, [meetingCreated, opening])
      .when(command('CancelSession', { sessionId: 'opening', reason: ' Speaker ill.\nA new date will follow. ' }))
      .then([{ type: 'SessionCancelled', data: { sessionId: 'opening', reason: 'Speaker ill.\nA new date will follow.' } }]);
    given(t, [meetingCreated, opening])
      .when(command('CancelSession', { sessionId: 'opening', reason: 'x'.repeat(20_001) }))
      .thenFails('invalid-input', { field: 'reason', reason: 'must be at most 20000 characters' });
    given(t, [meetingCreated, opening])
      .when(command('CancelSession', { sessionId: 'opening', reason: 'Speaker\u0000ill' }))
      .thenFails('invalid-input', { field: 'reason', reason: 'must not contain control characters' });
  });

  t.test('checks the times again: a zone change kept them unchecked while the session was cancelled', async (t) => {
    const toNewYork = { type: 'MeetingTimeZoneChanged', data: { timeZone: 'America/New_York', policy: 'keep-wall-times', sessions: [] } } as const;
    const cancel = (sessionId: string) => ({ type: 'SessionCancelled', data: { sessionId, reason: null } }) as const;
    // 02:30 on 8 March 2026 exists in Zurich, not in New York (clocks go from 02:00 to 03:00)
    const inGap = sessionAdded('gap', '2026-03-08T02:30', '2026-03-08T04:00');
    given(t, [meetingCreated, inGap, cancel('gap'), toNewYork])
      .when(command('RestoreSession', { sessionId: 'gap' }))
      .thenFails('nonexistent-local-time', { field: 'start', value: '2026-03-08T02:30', timeZone: 'America/New_York', validAlternatives: ['2026-03-08T01:59', '2026-03-08T03:00'] });
    // 01:30 on 1 November 2026 happens twice in New York
    const inFold = sessionAdded('fold', '2026-11-01T01:30', '2026-11-01T03:00');
    const history = [meetingCreated, inFold, cancel('fold'), toNewYork];
    given(t, history).when(command('RestoreSession', { sessionId: 'fold' })).thenFails('ambiguous-local-time', { field: 'start', value: '2026-11-01T01:30' });
    given(t, history)
      .when(command('RestoreSession', { sessionId: 'fold', disambiguation: 'later' }))
      .then([
        { type: 'SessionRestored', data: { sessionId: 'fold' } },
        {
          type: 'SessionRescheduled',
          data: { sessionId: 'fold', start: { local: '2026-11-01T01:30', disambiguation: 'later' }, end: { local: '2026-11-01T03:00', disambiguation: null } },
        },
      ]);
  });
});

t.test('AssignSpeaker and RemoveSpeaker', async (t) => {
  const assigned = {
    type: 'SpeakerAssigned',
    data: { sessionId: 'opening', speaker: { id: 'hc', name: 'High Commissioner', affiliation: 'OHCHR', role: 'opening remarks' } },
  } as const;

  t.test('assigns a speaker', async (t) => {
    given(t, [meetingCreated, opening])
      .when(
        command('AssignSpeaker', {
          sessionId: 'opening',
          speaker: { id: 'hc', name: 'High Commissioner', affiliation: 'OHCHR', role: 'opening remarks' },
        }),
      )
      .then([assigned]);
  });

  t.test('refuses a speaker beyond the 200 a session may have, as a list of them would be', async (t) => {
    const full = Array.from({ length: 200 }, (_, n) => ({ type: 'SpeakerAssigned', data: { sessionId: 'opening', speaker: { id: `s${n}`, name: `Speaker ${n}`, affiliation: null, role: null } } }) as const);
    given(t, [meetingCreated, opening, ...full])
      .when(command('AssignSpeaker', { sessionId: 'opening', speaker: { id: 'one-more', name: 'One more' } }))
      .thenFails('invalid-input', { field: 'speakers' });
  });

  t.test('refuses the same speaker twice', async (t) => {
    given(t, [meetingCreated, opening, assigned])
      .when(command('AssignSpeaker', { sessionId: 'opening', speaker: { id: 'hc', name: 'x' } }))
      .thenFails('speaker-already-assigned', { speakerId: 'hc' });
  });

  t.test('removes a speaker; an unknown one is an error', async (t) => {
    given(t, [meetingCreated, opening, assigned])
      .when(command('RemoveSpeaker', { sessionId: 'opening', speakerId: 'hc' }))
      .then([{ type: 'SpeakerRemoved', data: { sessionId: 'opening', speakerId: 'hc' } }]);
    given(t, [meetingCreated, opening]).when(command('RemoveSpeaker', { sessionId: 'opening', speakerId: 'hc' })).thenFails('speaker-not-found');
  });

  t.test('an id is trimmed to remove a speaker, as it was to assign one', async (t) => {
    given(t, [meetingCreated, opening, assigned])
      .when(command('RemoveSpeaker', { sessionId: 'opening', speakerId: ' hc ' }))
      .then([{ type: 'SpeakerRemoved', data: { sessionId: 'opening', speakerId: 'hc' } }]);
  });

  t.test('refuses a speaker without a name', async (t) => {
    given(t, [meetingCreated, opening])
      .when(command('AssignSpeaker', { sessionId: 'opening', speaker: { id: 'x', name: '  ' } }))
      .thenFails('invalid-input', { field: 'speaker.name', reason: 'must not be empty' });
  });

  t.test('a speaker id is trimmed: " hc " is the speaker hc already assigned', async (t) => {
    given(t, [meetingCreated, opening, assigned])
      .when(command('AssignSpeaker', { sessionId: 'opening', speaker: { id: ' hc ', name: 'High Commissioner' } }))
      .thenFails('speaker-already-assigned', { sessionId: 'opening', speakerId: 'hc' });
  });

  t.test('speakers of a cancelled session cannot change', async (t) => {
    const cancelled = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } } as const;
    given(t, [meetingCreated, opening, cancelled])
      .when(command('AssignSpeaker', { sessionId: 'opening', speaker: { id: 'x', name: 'x' } }))
      .thenFails('session-cancelled');
  });
});

t.test('ReviseSession', async (t) => {
  t.test('a new track and a new time are checked together', async (t) => {
    const other = sessionAdded('b', '2025-11-26T09:00', '2025-11-26T09:20', { track: 'B' });
    // Moving to track B alone would overlap "b"; moving to 10:00 in track B does not.
    const events = given(t, [meetingCreated, opening, other])
      .when(command('ReviseSession', { sessionId: 'opening', track: 'B', start: '2025-11-26T10:00', end: '2025-11-26T10:20' }))
      .events();
    t.same(events.map((event) => event.type), ['SessionDetailsChanged', 'SessionRescheduled']);
  });

  t.test('speakers replace the list: removed, edited and new speakers', async (t) => {
    const withSpeakers = sessionAdded('s', '2025-11-26T12:00', '2025-11-26T13:00', {
      speakers: [
        { id: 'a', name: 'A', affiliation: null, role: null },
        { id: 'b', name: 'B', affiliation: null, role: null },
        { id: 'c', name: 'C', affiliation: null, role: null },
      ],
    });
    given(t, [meetingCreated, withSpeakers])
      .when(command('ReviseSession', { sessionId: 's', speakers: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B', role: 'moderator' }, { id: 'd', name: 'D' }] }))
      .then([
        { type: 'SpeakerRemoved', data: { sessionId: 's', speakerId: 'b' } },
        { type: 'SpeakerRemoved', data: { sessionId: 's', speakerId: 'c' } },
        { type: 'SpeakerAssigned', data: { sessionId: 's', speaker: { id: 'b', name: 'B', affiliation: null, role: 'moderator' } } },
        { type: 'SpeakerAssigned', data: { sessionId: 's', speaker: { id: 'd', name: 'D', affiliation: null, role: null } } },
      ]);
  });

  t.test('speakers keep the order they were sent in: an edited first one stays first, a reorder counts, an edit undone is nothing to release', async (t) => {
    const moderator = { id: 'mod', name: 'Moderator', affiliation: null, role: 'moderator' };
    const panelist = { id: 'p', name: 'Panelist', affiliation: null, role: null };
    const history = released([meetingCreated, sessionAdded('s', '2025-11-26T12:00', '2025-11-26T13:00', { speakers: [moderator, panelist] })]);
    const speakersAfter = (events: readonly MeetingEvent[]) => (stateOf(events) as ExistingMeeting).sessions.get('s')!.speakers.map((speaker) => speaker.id);
    const edited = given(t, history).when(command('ReviseSession', { sessionId: 's', speakers: [{ ...moderator, affiliation: 'UN-Habitat' }, panelist] })).events();
    t.same(speakersAfter([...history, ...edited]), ['mod', 'p'], 'the edited moderator stays first');
    const reordered = given(t, history).when(command('ReviseSession', { sessionId: 's', speakers: [panelist, moderator] })).events();
    t.same(speakersAfter([...history, ...reordered]), ['p', 'mod'], 'a new order is a change');
    const undone = given(t, [...history, ...edited]).when(command('ReviseSession', { sessionId: 's', speakers: [moderator, panelist] })).events();
    given(t, [...history, ...edited, ...undone]).when(command('ReleaseAgenda', {})).thenFails('nothing-to-release');
  });

  t.test('a new time in the same track may not overlap', async (t) => {
    given(t, [meetingCreated, opening, session1])
      .when(command('ReviseSession', { sessionId: 's1', title: 'Session 1', start: '2025-11-26T09:10' }))
      .thenFails('sessions-overlap', { sessionId: 's1', otherSessionId: 'opening', track: null });
  });

  t.test('refuses the same speaker twice in the list', async (t) => {
    given(t, [meetingCreated, session1])
      .when(command('ReviseSession', { sessionId: 's1', speakers: [{ id: 'a', name: 'A' }, { id: ' a', name: 'B' }] }))
      .thenFails('invalid-input', { field: 'speakers', reason: 'speaker ids must be unique' });
  });

  t.test('nothing new changes nothing', async (t) => {
    given(t, [meetingCreated, session1]).when(command('ReviseSession', { sessionId: 's1', start: '2025-11-26T09:20', speakers: [] })).then([]);
  });
});
