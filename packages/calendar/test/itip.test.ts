import t from 'tap';
import { instantOf } from '@meridian/domain';
import { buildFeed, buildInvitation, type InvitationInput } from '../src/index.ts';
import { BEFORE, FEED_URL, ORGANIZER, PAGE_URL, foldMeeting, latest, referenceMeeting, run } from './fixtures/meetings.ts';
import { readIcs, textOf } from './fixtures/read-ics.ts';

const ATTENDEE = { email: 'ana@example.org', name: 'Ana "A." Ruiz' };

const invitation = (meeting: InvitationInput['meeting'], sessionId: string) =>
  buildInvitation({ meeting, release: latest(meeting), sessionId, organizer: ORGANIZER, attendee: ATTENDEE, pageUrl: PAGE_URL });

const feedEvent = (meeting: InvitationInput['meeting'], uid: string) =>
  readIcs(buildFeed({ meeting, release: latest(meeting), now: BEFORE, feedUrl: FEED_URL, pageUrl: PAGE_URL })).event(uid);

t.test('a moved session is a METHOD:REQUEST with the UID, SEQUENCE and times of the feed', async (t) => {
  const moved = run(referenceMeeting(), 'RescheduleSession', { sessionId: 's2', start: '2025-11-26T14:30' }, '2025-11-15T09:00:00Z');
  const meeting = run(moved, 'ReleaseAgenda', {}, '2025-11-15T10:00:00Z');
  const ics = invitation(meeting, 's2');
  const { calendar, events } = readIcs(ics);
  t.equal(textOf(calendar, 'method'), 'REQUEST');
  t.equal(events.length, 1, 'one session per message');
  const [event] = events;
  const inFeed = feedEvent(meeting, 's2.m-ref@meridian');
  t.equal(event?.uid, inFeed.uid);
  t.equal(event?.sequence, 1);
  t.equal(event?.sequence, inFeed.sequence);
  t.equal(event?.status, 'CONFIRMED');
  t.equal(event?.start.instant.toString(), '2025-11-26T13:30:00Z');
  t.equal(event?.start.tzid, 'Europe/Zurich');
  t.ok(ics.includes('\r\nDTSTAMP:20251115T100000Z\r\n'), 'DTSTAMP = releasedAt');
  t.ok(ics.includes('BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich'));
  const organizer = event?.component.getFirstProperty('organizer');
  t.equal(organizer?.getFirstValue(), 'mailto:secretariat@ohchr.example');
  t.equal(organizer?.getParameter('cn'), 'OHCHR Secretariat');
  const attendee = event?.component.getFirstProperty('attendee');
  t.equal(String(attendee?.getFirstValue()).toLowerCase(), 'mailto:ana@example.org');
  t.equal(attendee?.getParameter('rsvp'), 'FALSE');
  t.equal(attendee?.getParameter('partstat'), 'NEEDS-ACTION');
  t.equal(attendee?.getParameter('role'), 'OPT-PARTICIPANT');
  t.equal(attendee?.getParameter('cn'), "Ana 'A.' Ruiz");
});

t.test('a cancelled session is a METHOD:CANCEL with STATUS:CANCELLED and the feed\'s SEQUENCE', async (t) => {
  const cancelled = run(referenceMeeting(), 'CancelSession', { sessionId: 's1' }, '2025-11-20T09:00:00Z');
  const meeting = run(cancelled, 'ReleaseAgenda', {}, '2025-11-20T10:00:00Z');
  const { calendar, events } = readIcs(invitation(meeting, 's1'));
  t.equal(textOf(calendar, 'method'), 'CANCEL');
  const inFeed = feedEvent(meeting, 's1.m-ref@meridian');
  t.same([events[0]?.uid, events[0]?.sequence, events[0]?.status], [inFeed.uid, inFeed.sequence, 'CANCELLED']);
  t.equal(inFeed.sequence, 1);
});

t.test('an attendee withdrawn from a session that goes on: METHOD:CANCEL naming them, the feed\'s UID and SEQUENCE, no STATUS', async (t) => {
  const meeting = referenceMeeting();
  const { calendar, events } = readIcs(buildInvitation({ meeting, release: latest(meeting), sessionId: 's1', organizer: ORGANIZER, attendee: ATTENDEE, pageUrl: PAGE_URL, withdrawn: true }));
  t.equal(textOf(calendar, 'method'), 'CANCEL');
  const inFeed = feedEvent(meeting, 's1.m-ref@meridian');
  t.same([events[0]?.uid, events[0]?.sequence], [inFeed.uid, inFeed.sequence]);
  t.equal(events[0]?.component.getFirstProperty('status'), null, 'RFC 5546 3.2.5: no STATUS when uninviting an attendee');
  t.equal(String(events[0]?.component.getFirstProperty('attendee')?.getFirstValue()).toLowerCase(), 'mailto:ana@example.org', 'the attendee removed');
  t.equal(inFeed.status, 'CONFIRMED', 'the session itself goes on');
});

t.test('every session of a cancelled meeting is cancelled by iTIP too', async (t) => {
  const meeting = run(referenceMeeting(), 'CancelMeeting', {}, '2025-11-21T09:00:00Z');
  for (const sessionId of ['opening', 's1', 's2', 'closing']) {
    t.equal(textOf(readIcs(invitation(meeting, sessionId)).calendar, 'method'), 'CANCEL', sessionId);
  }
});

t.test('an invitation for a session in a fold writes that time in UTC', async (t) => {
  const meeting = foldMeeting();
  const [event] = readIcs(invitation(meeting, 'from-fold')).events;
  const session = latest(meeting).sessions.get('from-fold');
  t.equal(event?.start.tzid, null);
  t.equal(event?.start.instant.toString(), session && instantOf(session.start, 'Europe/Zurich').toString());
  t.equal(event?.end.tzid, 'Europe/Zurich');
});

t.test('the same release gives the same message', async (t) => {
  t.equal(invitation(referenceMeeting(), 's1'), invitation(referenceMeeting(), 's1'));
});

t.test('a session that is not in the release is a programming error', async (t) => {
  t.throws(() => invitation(referenceMeeting(), 'nope'), RangeError);
});
