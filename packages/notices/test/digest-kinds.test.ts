import t from 'tap';
import { Temporal, type MeetingEvent } from '@meridian/domain';
import { releaseDigest } from '../src/index.ts';
import { decided, FIRST_RELEASE_AT, firstRelease, meetingCreated, noticeOf, opening, released, rescheduled, session1, session2, sessionAdded, TITLE } from './given.ts';

const tokyo = { timeZone: 'Asia/Tokyo', locale: 'en-GB' };
const THIRD = Temporal.Instant.from('2025-11-22T12:00:00Z');

t.test('the first release publishes the agenda: every session is new, counted', async (t) => {
  const digest = releaseDigest(noticeOf(firstRelease(), tokyo));
  t.equal(digest.subject, `Agenda published: ${TITLE}`);
  t.equal(digest.lead, 'The agenda has been published (Rev.1, 10 November 2025).');
  t.equal(digest.summary, 'It lists 3 sessions.');
  t.same(
    digest.sessions?.items.map((item) => [item.heading, item.time]),
    [
      ['New: Opening session', 'Wednesday, 26 November 2025, 09:00–09:20 CET · 17:00–17:20 your time (GMT+9)'],
      ['New: Session 1: Human rights cities', 'Wednesday, 26 November 2025, 09:20–11:00 CET · 17:20–19:00 your time (GMT+9)'],
      ['New: Session 2: Local action for human rights', 'Wednesday, 26 November 2025, 15:00–16:30 CET · 23:00–00:30 (+1 day) your time (GMT+9)'],
    ],
  );
});

t.test('cancelled, changed, added and restored sessions and meeting details, in the order they happen', async (t) => {
  const edits: MeetingEvent[] = [
    { type: 'SessionCancelled', data: { sessionId: 'opening', reason: null } },
    { type: 'SpeakerAssigned', data: { sessionId: 's1', speaker: { id: 'p1', name: 'Ана Петрова', affiliation: null, role: null } } },
    { type: 'SessionDetailsChanged', data: { sessionId: 's1', description: 'With the Special Rapporteur' } },
    sessionAdded('s3', 'Session 3: Budgets and rights', '2025-11-26T12:00', '2025-11-26T13:00'),
    { type: 'MeetingDetailsChanged', data: { location: { name: 'Online (Zoom)', url: 'https://zoom.example.org/j/1' } } },
  ];
  const second = released([...firstRelease(), ...edits], THIRD);
  const digest = releaseDigest(noticeOf(second, tokyo));
  t.equal(digest.summary, '3 sessions have changed.');
  t.same(digest.meetingChanges, {
    heading: 'Meeting details',
    items: [{ field: 'location', text: 'Location: Online (Zoom) — https://zoom.example.org/j/1' }],
  });
  t.same(
    digest.sessions?.items.map((item) => [item.heading, item.time, item.changedFields]),
    [
      ['Cancelled: Opening session', 'Was scheduled: Wednesday, 26 November 2025, 09:00–09:20 CET · 17:00–17:20 your time (GMT+9)', null],
      [
        'Updated: Session 1: Human rights cities',
        'Wednesday, 26 November 2025, 09:20–11:00 CET · 17:20–19:00 your time (GMT+9)',
        'Changes: description and speakers',
      ],
      ['New: Session 3: Budgets and rights', 'Wednesday, 26 November 2025, 12:00–13:00 CET · 20:00–21:00 your time (GMT+9)', null],
    ],
  );
  const fr = releaseDigest(noticeOf(second, { timeZone: 'Europe/Paris', locale: 'fr-FR' }));
  t.same(fr.sessions?.items[1]?.changedFields, 'Modifications\u00a0: description et intervenants', 'field names in the language, joined by Intl.ListFormat');
  t.same(fr.meetingChanges?.items[0]?.text, 'Lieu\u00a0: Online (Zoom) — https://zoom.example.org/j/1');

  const restored = released([...second, { type: 'SessionRestored', data: { sessionId: 'opening' } }], THIRD.add({ hours: 1 }));
  const back = releaseDigest(noticeOf(restored, tokyo));
  t.same(back.sessions?.items.map((item) => item.heading), ['Restored: Opening session']);
});

t.test('a session moved and cancelled in one release was scheduled when readers last saw it', async (t) => {
  const edits: MeetingEvent[] = [
    rescheduled('s1', '2025-11-26T13:00', '2025-11-26T14:00'),
    { type: 'SessionCancelled', data: { sessionId: 's1', reason: null } },
  ];
  const digest = releaseDigest(noticeOf(released([...firstRelease(), ...edits], THIRD), tokyo));
  t.same(
    digest.sessions?.items.map((item) => [item.heading, item.time, item.previousTime]),
    [['Cancelled: Session 1: Human rights cities', 'Was scheduled: Wednesday, 26 November 2025, 09:20–11:00 CET · 17:20–19:00 your time (GMT+9)', null]],
  );
});

t.test('a meeting cancellation is an urgent message of its own, with the reason', async (t) => {
  const history = decided(firstRelease(), 'CancelMeeting', { reason: 'The meeting is postponed to 2026.' }, Temporal.Instant.from('2025-11-21T07:00:00Z'));
  const digest = releaseDigest(noticeOf(history, tokyo));
  t.match(digest, {
    urgent: true,
    subject: `Meeting cancelled: ${TITLE}`,
    cancellation: {
      heading: 'This meeting is cancelled.',
      text: 'The meeting will not take place. All its sessions are cancelled; calendars that follow the agenda show them as cancelled.',
      reason: 'Reason given: The meeting is postponed to 2026.',
    },
    summary: null,
    note: null,
  });
  t.same(
    digest.sessions?.items.map((item) => item.kind),
    ['cancelled', 'cancelled', 'cancelled'],
  );
  const ru = releaseDigest(noticeOf(history, { timeZone: 'Europe/Moscow', locale: 'ru' }));
  t.equal(ru.subject, `Совещание отменено: ${TITLE}`);
  t.equal(ru.cancellation?.heading, 'Совещание отменено.');
});

t.test('a subscriber who follows one session hears only of it, and of the meeting', async (t) => {
  const history = released([meetingCreated(), opening, session1, session2], FIRST_RELEASE_AT);
  const only = noticeOf(history, tokyo);
  const digest = releaseDigest({ ...only, changes: { ...only.changes, sessions: only.changes.sessions.filter((change) => change.sessionId === 's1') } });
  t.equal(digest.summary, 'It lists 1 session.');
  t.same(digest.sessions?.items.map((item) => item.sessionId), ['s1']);
});
