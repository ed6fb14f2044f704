import t from 'tap';
import type { ExistingMeeting, MeetingEvent } from '../../src/index.ts';
import { meetingCreated, opening, released, session1, sessionAdded, stateOf } from './given.ts';

const existing = (events: readonly MeetingEvent[]): ExistingMeeting => stateOf(events) as ExistingMeeting;
const copied = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

t.test('a release carries the changes of its event, value for value', async (t) => {
  const history = released([meetingCreated, opening, session1]);
  const event = history.at(-1)!;
  t.equal(event.type, 'AgendaReleased');
  if (event.type === 'AgendaReleased') t.same(existing(history).releases[0]!.changes, event.data.changes);
});

t.test('events read back from JSON give the same state as the events themselves', async (t) => {
  const sideEvent = sessionAdded('s2', '2025-11-26T15:00', '2025-11-26T16:45', { track: 'A', description: 'Side event' });
  const history = released([meetingCreated, opening, session1, sideEvent]);
  const edits: MeetingEvent[] = [
    { type: 'SessionRescheduled', data: { sessionId: 's1', start: { local: '2025-11-26T09:30', disambiguation: null }, end: { local: '2025-11-26T11:00', disambiguation: null } } },
    { type: 'SessionDetailsChanged', data: { sessionId: 's2', description: null, track: null } },
    { type: 'SpeakerAssigned', data: { sessionId: 's2', speaker: { id: 'p', name: 'P', affiliation: 'Permanent Mission', role: null } } },
  ];
  const all = released([...history, ...edits]);
  const state = existing(all);
  t.strictSame(existing(copied(all)), state);
  t.strictSame([...existing(copied(all)).sessions.values()], [...state.sessions.values()]);
  t.strictSame(
    state.sessions.get('s2'),
    {
      id: 's2',
      title: 'Session s2',
      kind: 'panel',
      track: null,
      start: { local: '2025-11-26T15:00', disambiguation: null },
      end: { local: '2025-11-26T16:45', disambiguation: null },
      description: null,
      speakers: [{ id: 'p', name: 'P', affiliation: 'Permanent Mission', role: null }],
      status: 'scheduled',
      addedAt: '2025-11-01T10:00:00Z',
    },
    'null clears the track and the description: it is a value, not taken for a missing field',
  );
});

t.test('two meetings share equal wall times and zones without seeing each other\'s changes', async (t) => {
  const one = existing(released([meetingCreated, opening]));
  const twoEvents = copied(released([meetingCreated, opening]));
  const moved: MeetingEvent = {
    type: 'SessionRescheduled',
    data: { sessionId: 'opening', start: { local: '2025-11-26T10:00', disambiguation: null }, end: { local: '2025-11-26T10:20', disambiguation: null } },
  };
  const two = existing([...twoEvents, moved]);
  t.equal(two.details.timeZone, one.details.timeZone);
  t.equal(two.releases[0]!.sessions.get('opening')!.start, one.releases[0]!.sessions.get('opening')!.start, 'one object for one wall time');
  t.same(one.sessions.get('opening')!.start, { local: '2025-11-26T09:00', disambiguation: null }, 'the first meeting keeps its time');
  t.same(two.sessions.get('opening')!.start, { local: '2025-11-26T10:00', disambiguation: null });
});

t.test('a release snapshot is not changed by later edits of the draft', async (t) => {
  const v1 = released([meetingCreated, opening, session1]);
  const before = copied([...existing(v1).releases[0]!.sessions.values()]);
  const later: MeetingEvent[] = [
    { type: 'SessionDetailsChanged', data: { sessionId: 's1', title: 'Renamed' } },
    { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } },
    sessionAdded('s3', '2025-11-26T17:00', '2025-11-26T18:00'),
  ];
  const state = existing([...released([...v1, ...later], { label: 'Rev.2' }), { type: 'MeetingCancelled', data: { reason: null, cancelledAt: '2025-11-20T00:00:00Z' } }]);
  t.same([...state.releases[0]!.sessions.values()], before);
  t.equal(state.releases[1]!.sessions.get('s1')!.title, 'Renamed');
  t.equal(state.sessions.get('s3')!.status, 'cancelled');
});

t.test('a release shares the sessions it did not change with the release before', async (t) => {
  const v1 = released([meetingCreated, opening, session1]);
  const renamed: MeetingEvent = { type: 'SessionDetailsChanged', data: { sessionId: 's1', title: 'Renamed' } };
  const state = existing(released([...v1, renamed], { label: 'Rev.2' }));
  const [first, second] = state.releases;
  t.equal(second!.sessions.get('opening'), first!.sessions.get('opening'), 'one object for the unchanged session');
  t.match(second!.sessions.get('s1'), { title: 'Renamed', sequence: 1, changedInVersion: 2 });
  t.match(first!.sessions.get('s1'), { title: 'Session 1: Human rights cities', sequence: 0, changedInVersion: 1 });
});

t.test('a session published late takes its place in the draft\'s order, before sessions released earlier', async (t) => {
  const late = sessionAdded('late', '2025-11-26T12:00', '2025-11-26T13:00');
  const cancelled: MeetingEvent = { type: 'SessionCancelled', data: { sessionId: 'late', reason: null } };
  const restored: MeetingEvent = { type: 'SessionRestored', data: { sessionId: 'late' } };
  const after = sessionAdded('after', '2025-11-26T14:00', '2025-11-26T15:00');
  const v1 = released([meetingCreated, opening, late, cancelled, after]);
  const state = existing(released([...v1, restored], { label: 'Rev.2' }));
  t.same([...state.releases[0]!.sessions.keys()], ['opening', 'after'], 'never published: left out of the first release');
  t.same([...state.releases[1]!.sessions.keys()], ['opening', 'late', 'after']);
  t.match(state.releases[1]!.sessions.get('late'), { status: 'scheduled', sequence: 0, changedInVersion: 2 });
  t.equal(state.releases[1]!.sessions.get('after'), state.releases[0]!.sessions.get('after'));
});
