import t from 'tap';
import { diffDraft, Temporal, type ExistingMeeting, type MeetingEvent } from '../../src/index.ts';
import { command, given, meetingCreated, ORGANISER, opening, released, session1, sessionAdded, stateOf } from './given.ts';

const LATER = Temporal.Instant.from('2025-11-10T08:00:00Z');
const release = (data: Record<string, unknown> = {}) => command('ReleaseAgenda', data, { now: LATER });

t.test('the first release publishes the meeting and adds every scheduled session at SEQUENCE 0', async (t) => {
  const [event] = given(t, [meetingCreated, opening, session1]).when(release({ note: 'First draft' })).events();
  t.match(event, {
    type: 'AgendaReleased',
    data: {
      version: 1,
      label: 'Rev.1',
      note: 'First draft',
      notify: true,
      releasedAt: LATER.toString(),
      releasedBy: ORGANISER,
      changes: {
        published: true,
        meetingCancelled: false,
        meeting: [],
        sessions: [
          { kind: 'added', sessionId: 'opening', sequence: 0, times: { startInstant: '2025-11-26T08:00:00Z' } },
          { kind: 'added', sessionId: 's1', sequence: 0 },
        ],
      },
    },
  });
});

t.test('a release with no participant-visible change is refused', async (t) => {
  given(t, released([meetingCreated, opening])).when(release()).thenFails('nothing-to-release', { lastVersion: 1 });
});

t.test('a session changed and changed back is no change', async (t) => {
  const history = released([meetingCreated, opening]);
  const there = { type: 'SessionDetailsChanged', data: { sessionId: 'opening', title: 'Welcome' } } as const;
  const back = { type: 'SessionDetailsChanged', data: { sessionId: 'opening', title: 'Opening session' } } as const;
  given(t, [...history, there, back]).when(release()).thenFails('nothing-to-release');
});

t.test('a session added and cancelled between releases is no news', async (t) => {
  const history = released([meetingCreated, opening]);
  const added = sessionAdded('x', '2025-11-26T12:00', '2025-11-26T13:00');
  const cancelled = { type: 'SessionCancelled', data: { sessionId: 'x', reason: null } } as const;
  given(t, [...history, added, cancelled]).when(release()).thenFails('nothing-to-release');
});

t.test('moved, changed, cancelled and restored sessions each count once, raising SEQUENCE', async (t) => {
  const v1 = released([meetingCreated, opening, session1, sessionAdded('s2', '2025-11-26T15:00', '2025-11-26T16:45')]);
  const cancelledOpening = { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } } as const;
  const v2 = released([...v1, cancelledOpening]);
  const edits: MeetingEvent[] = [
    { type: 'SessionRescheduled', data: { sessionId: 's1', start: { local: '2025-11-26T09:30', disambiguation: null }, end: { local: '2025-11-26T11:00', disambiguation: null } } },
    { type: 'SessionDetailsChanged', data: { sessionId: 's1', description: 'Moved by ten minutes' } },
    { type: 'SpeakerAssigned', data: { sessionId: 's2', speaker: { id: 'p', name: 'P', affiliation: null, role: null } } },
    { type: 'SessionRestored', data: { sessionId: 'opening' } },
    { type: 'MeetingDetailsChanged', data: { description: 'Now with interpretation' } },
  ];
  const [event] = given(t, [...v2, ...edits]).when(release({ label: 'Rev.3', notify: false })).events();
  t.match(event, {
    data: {
      version: 3,
      label: 'Rev.3',
      notify: false,
      changes: {
        published: false,
        meeting: ['description'],
        sessions: [
          { kind: 'restored', sessionId: 'opening', sequence: 2, previous: null },
          {
            kind: 'moved',
            sessionId: 's1',
            sequence: 1,
            fields: ['description'],
            times: { startInstant: '2025-11-26T08:30:00Z' },
            previous: { start: { local: '2025-11-26T09:20' }, startInstant: '2025-11-26T08:20:00Z' },
          },
          { kind: 'changed', sessionId: 's2', sequence: 1, fields: ['speakers'] },
        ],
      },
    },
  });
  const meeting = stateOf([...v2, ...edits, event!]) as ExistingMeeting;
  const v3 = meeting.releases[2]!;
  t.equal(v3.sessions.get('s1')?.changedInVersion, 3, 'LAST-MODIFIED comes from the release that changed it');
  t.equal(v3.sessions.get('s2')?.changedAt, LATER.toString());
  t.equal(meeting.releases[1]!.sessions.get('s2'), meeting.releases[0]!.sessions.get('s2'), 'unchanged sessions are shared between snapshots');
  t.same(diffDraft(meeting).sessions, [], 'nothing left to release');
});

t.test('a new location or documents change every session a participant saw, raising its SEQUENCE', async (t) => {
  const v1 = released([meetingCreated, opening, session1, sessionAdded('s2', '2025-11-26T15:00', '2025-11-26T16:45')]);
  const v2 = released([...v1, { type: 'SessionCancelled', data: { sessionId: 's2', reason: null } }]);
  const edits: MeetingEvent[] = [
    { type: 'MeetingDetailsChanged', data: { location: { name: 'Online (Zoom)', url: 'https://zoom.example.org/j/1' } } },
    { type: 'MeetingDetailsChanged', data: { documents: [{ title: 'Concept note', url: 'https://example.org/note.pdf' }] } },
    { type: 'SessionDetailsChanged', data: { sessionId: 's1', title: 'Session 1 (renamed)' } },
  ];
  const [event] = given(t, [...v2, ...edits]).when(release()).events();
  t.match(event, {
    data: {
      changes: {
        meeting: ['location', 'documents'],
        sessions: [
          { kind: 'changed', sessionId: 'opening', sequence: 1, fields: ['location', 'documents'] },
          { kind: 'changed', sessionId: 's1', sequence: 1, fields: ['title', 'location', 'documents'] },
        ],
      },
    },
  });
  t.equal(event?.type === 'AgendaReleased' && event.data.changes.sessions.length, 2, 'the session cancelled in the last release is no news');
});

t.test('a session cancelled and still cancelled is no news when a zone change moves it', async (t) => {
  const v1 = released([meetingCreated, opening, session1]);
  const v2 = released([...v1, { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } }]);
  const zone: MeetingEvent = { type: 'MeetingTimeZoneChanged', data: { timeZone: 'America/New_York', policy: 'keep-wall-times', sessions: [] } };
  const [event] = given(t, [...v2, zone]).when(release()).events();
  t.match(event, { data: { changes: { meeting: ['timeZone'], sessions: [{ kind: 'moved', sessionId: 's1' }] } } });
  t.equal(event?.type === 'AgendaReleased' && event.data.changes.sessions.length, 1, 'not the cancelled opening');
});

t.test('releases keep their own snapshots: version 1 still shows the old time', async (t) => {
  const v1 = released([meetingCreated, session1]);
  const moved = { type: 'SessionRescheduled', data: { sessionId: 's1', start: { local: '2025-11-26T10:00', disambiguation: null }, end: { local: '2025-11-26T11:00', disambiguation: null } } } as const;
  const meeting = stateOf(released([...v1, moved])) as ExistingMeeting;
  t.equal(meeting.releases[0]!.sessions.get('s1')?.start.local, '2025-11-26T09:20');
  t.equal(meeting.releases[1]!.sessions.get('s1')?.start.local, '2025-11-26T10:00');
  t.equal(meeting.releases[1]!.sessions.get('s1')?.sequence, 1);
});

t.test('ReleaseAgenda fails on a meeting that does not exist', async (t) => {
  given(t, []).when(release()).thenFails('meeting-not-found');
});

t.test('the draft diff is what the release will carry', async (t) => {
  const history = [meetingCreated, opening];
  const changes = {
    published: true,
    meetingCancelled: false,
    meeting: [],
    sessions: [
      {
        kind: 'added',
        sessionId: 'opening',
        title: 'Opening session',
        sequence: 0,
        fields: [],
        times: {
          start: { local: '2025-11-26T09:00', disambiguation: null },
          end: { local: '2025-11-26T09:20', disambiguation: null },
          startInstant: '2025-11-26T08:00:00Z',
          endInstant: '2025-11-26T08:20:00Z',
        },
        previous: null,
      },
    ],
  } as const;
  t.strictSame(diffDraft(stateOf(history) as ExistingMeeting), changes);
  given(t, history)
    .when(release())
    .then([
      {
        type: 'AgendaReleased',
        data: { version: 1, label: 'Rev.1', note: null, notify: true, releasedAt: '2025-11-10T08:00:00Z', releasedBy: 'ohchr', changes },
      },
    ]);
});

t.test('a label or note too long or with control characters is refused; a label of 100 characters is taken', async (t) => {
  const history = [meetingCreated, opening];
  const [event] = given(t, history).when(release({ label: 'L'.repeat(100) })).events();
  t.equal(event?.type === 'AgendaReleased' && event.data.label, 'L'.repeat(100));
  given(t, history).when(release({ label: 'L'.repeat(101) })).thenFails('invalid-input', { field: 'label', reason: 'must be at most 100 characters' });
  given(t, history).when(release({ label: 'Rev.1\u001b[31m' })).thenFails('invalid-input', { field: 'label', reason: 'must not contain control characters' });
  given(t, history).when(release({ note: 'x'.repeat(20_001) })).thenFails('invalid-input', { field: 'note', reason: 'must be at most 20000 characters' });
});

t.test('a speaker removed and added back as they were is no change: only what participants see of speakers counts', async (t) => {
  const speaker = { name: 'H.E. Ms. Amina Diallo', affiliation: 'Permanent Mission', role: 'panelist' };
  const v1 = released([meetingCreated, opening, { type: 'SpeakerAssigned', data: { sessionId: 'opening', speaker: { id: 'first-id', ...speaker } } }]);
  const readded: MeetingEvent[] = [
    { type: 'SpeakerRemoved', data: { sessionId: 'opening', speakerId: 'first-id' } },
    { type: 'SpeakerAssigned', data: { sessionId: 'opening', speaker: { id: 'new-id', ...speaker } } },
  ];
  given(t, [...v1, ...readded]).when(release()).thenFails('nothing-to-release');
  const renamed: MeetingEvent = { type: 'SpeakerAssigned', data: { sessionId: 'opening', speaker: { id: 'other', ...speaker, role: 'moderator' } } };
  t.match(given(t, [...v1, ...readded, renamed]).when(release()).events()[0], { data: { changes: { sessions: [{ sessionId: 'opening', fields: ['speakers'], sequence: 1 }] } } });
});
