import t, { type Test } from 'tap';
import { Temporal, instantOf, type ExistingMeeting } from '@meridian/domain';
import { buildFeed, sessionUid, type FeedInput } from '../src/index.ts';
import {
  AFTER,
  BEFORE,
  CHANGE_DAYS,
  DURING,
  FEED_URL,
  ORGANIZER,
  PAGE_URL,
  TEAMS_URL,
  foldMeeting,
  latest,
  referenceMeeting,
  run,
  zoneMeeting,
} from './fixtures/meetings.ts';
import { linesOf, propertiesAfterComponents } from './fixtures/content-lines.ts';
import { readIcs, textOf } from './fixtures/read-ics.ts';

const feedOf = (meeting: ExistingMeeting, extra: Partial<FeedInput> = {}): string =>
  buildFeed({ meeting, release: latest(meeting), now: BEFORE, feedUrl: FEED_URL, pageUrl: PAGE_URL, ...extra });

/** The lines of one VEVENT as written (ical.js would write them its own way). */
const eventLines = (ics: string, uid: string): string[] => {
  const lines = linesOf(ics);
  const at = lines.indexOf(`UID:${uid}`);
  return lines.slice(lines.lastIndexOf('BEGIN:VEVENT', at), lines.indexOf('END:VEVENT', at) + 1);
};

/**
 * Every DTSTART/DTEND as ical.js reads it equals the domain's instant of the stored wall time
 * (readIcs also refuses floating times and a TZID without its VTIMEZONE).
 */
const assertInstantsMatchDomain = (t: Test, ics: string, meeting: ExistingMeeting) => {
  const release = latest(meeting);
  const { events } = readIcs(ics);
  for (const event of events) {
    const session = [...release.sessions.values()].find((s) => sessionUid(meeting.id, s.id) === event.uid);
    if (session === undefined) throw new Error(`unexpected event ${event.uid}`);
    t.equal(event.start.instant.toString(), instantOf(session.start, release.details.timeZone).toString(), `${event.uid} start`);
    t.equal(event.end.instant.toString(), instantOf(session.end, release.details.timeZone).toString(), `${event.uid} end`);
  }
  return events;
};

t.test('the reference meeting renders every session under TZID=Europe/Zurich with its VTIMEZONE', async (t) => {
  const meeting = referenceMeeting();
  const ics = feedOf(meeting);
  const lines = linesOf(ics);
  for (const line of [
    'DTSTART;TZID=Europe/Zurich:20251126T090000',
    'DTEND;TZID=Europe/Zurich:20251126T092000',
    'DTSTART;TZID=Europe/Zurich:20251126T092000',
    'DTEND;TZID=Europe/Zurich:20251126T110000',
    'DTSTART;TZID=Europe/Zurich:20251126T150000',
    'DTEND;TZID=Europe/Zurich:20251126T164500',
    'DTSTART;TZID=Europe/Zurich:20251126T164500',
    'DTEND;TZID=Europe/Zurich:20251126T170000',
  ]) {
    t.ok(lines.includes(line), line);
  }
  t.equal(lines.filter((line) => line === 'BEGIN:VTIMEZONE').length, 1, 'one VTIMEZONE');
  t.ok(lines.includes('TZID:Europe/Zurich'));
  const events = assertInstantsMatchDomain(t, ics, meeting);
  t.same(
    events.map((event) => event.uid),
    ['opening.m-ref@meridian', 's1.m-ref@meridian', 's2.m-ref@meridian', 'closing.m-ref@meridian'],
    'one VEVENT per released session, in release order',
  );
});

t.test('the calendar says what it is, how often to refresh, and carries no host zone', async (t) => {
  const lines = linesOf(feedOf(referenceMeeting()));
  for (const line of [
    'METHOD:PUBLISH',
    'PRODID:-//Meridian//Meridian agenda//EN',
    'NAME:Meeting on local government and human rights',
    'X-WR-CALNAME:Meeting on local government and human rights',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    `URL:${PAGE_URL}`,
    `SOURCE;VALUE=URI:${FEED_URL}`,
  ]) {
    t.ok(lines.includes(line), line);
  }
  t.notOk(lines.some((line) => line.startsWith('X-WR-TIMEZONE') || line.startsWith('TIMEZONE-ID')), 'no calendar-level zone');
  t.equal(lines.at(-1), '', 'the last line ends with CRLF');
});

t.test('every calendar property comes before the first component (RFC 5545 §3.4)', async (t) => {
  const ics = feedOf(referenceMeeting(), { organizer: ORGANIZER });
  t.same(propertiesAfterComponents(ics), [], 'REFRESH-INTERVAL and X-PUBLISHED-TTL before the VTIMEZONE');
  readIcs(ics);
});

t.test('each session is an event with stable UID, SEQUENCE, UTC stamps, status, text, links and a join button', async (t) => {
  const meeting = referenceMeeting();
  const ics = feedOf(meeting, { organizer: ORGANIZER });
  const s1 = readIcs(ics).event(sessionUid(meeting.id, 's1'));
  const lines = eventLines(ics, s1.uid);
  t.equal(s1.uid, 's1.m-ref@meridian');
  t.equal(s1.sequence, 0);
  t.equal(s1.status, 'CONFIRMED');
  t.ok(lines.includes('DTSTAMP:20251110T080000Z'), 'DTSTAMP = the release that last changed it');
  t.ok(lines.includes('LAST-MODIFIED:20251110T080000Z'));
  t.ok(lines.includes('CREATED:20251101T101000Z'), 'CREATED = when the session was added');
  t.equal(textOf(s1.component, 'summary'), 'Session 1: Human rights cities');
  t.equal(
    textOf(s1.component, 'description'),
    [
      'How local governments put human rights into practice.',
      '',
      'Speakers:',
      '- Ana Ruiz (UN-Habitat), moderator',
      '- Li Wei, panelist',
      '',
      'Documents:',
      '- Concept note: https://meridian.example/documents/concept-note.pdf',
    ].join('\n'),
  );
  t.equal(textOf(s1.component, 'location'), `Online (MS Teams): ${TEAMS_URL}`);
  t.equal(textOf(s1.component, 'url'), TEAMS_URL);
  const conference = s1.component.getFirstProperty('conference');
  t.equal(conference?.getFirstValue(), TEAMS_URL, 'RFC 7986 CONFERENCE');
  t.equal(conference?.getParameter('feature'), 'VIDEO');
  t.equal(conference?.getParameter('label'), 'Online (MS Teams)');
  t.ok(lines.includes(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL="Online (MS Teams)":${TEAMS_URL}`));
  t.ok(lines.includes('ORGANIZER;CN="OHCHR Secretariat":mailto:secretariat@ohchr.example'));
  t.notOk(linesOf(feedOf(meeting)).some((line) => line.startsWith('ORGANIZER')), 'no ORGANIZER unless given');
});

t.test('a meeting without a join link links its page and offers no CONFERENCE', async (t) => {
  const offline = run(referenceMeeting(), 'ChangeMeetingDetails', { location: { name: 'Palais des Nations, Room XX', url: null } }, '2025-11-12T08:00:00Z');
  const meeting = run(offline, 'ReleaseAgenda', {}, '2025-11-12T09:00:00Z');
  const { events } = readIcs(feedOf(meeting));
  for (const event of events) {
    t.equal(textOf(event.component, 'location'), 'Palais des Nations, Room XX');
    t.equal(textOf(event.component, 'url'), PAGE_URL);
    t.equal(event.component.getFirstProperty('conference'), null);
  }
});

t.test('the same input gives the same bytes, whatever the clock says before the meeting ends', async (t) => {
  const meeting = referenceMeeting();
  const first = feedOf(meeting, { now: BEFORE, organizer: ORGANIZER });
  t.equal(feedOf(referenceMeeting(), { now: BEFORE, organizer: ORGANIZER }), first, 'built twice');
  t.equal(feedOf(meeting, { now: DURING, organizer: ORGANIZER }), first, 'another now');
});

t.test('a reschedule released later raises SEQUENCE and moves DTSTAMP; the UID stays', async (t) => {
  const v1 = referenceMeeting();
  const moved = run(v1, 'RescheduleSession', { sessionId: 's2', start: '2025-11-26T14:30', end: '2025-11-26T16:30' }, '2025-11-15T09:00:00Z');
  const v2 = run(moved, 'ReleaseAgenda', { label: 'Rev.2' }, '2025-11-15T10:00:00Z');
  const before = readIcs(feedOf(v1)).event('s2.m-ref@meridian');
  const after = readIcs(feedOf(v2)).event('s2.m-ref@meridian');
  t.equal(before.sequence, 0);
  t.equal(after.sequence, 1);
  const lines = eventLines(feedOf(v2), after.uid);
  t.ok(lines.includes('DTSTAMP:20251115T100000Z'));
  t.ok(lines.includes('LAST-MODIFIED:20251115T100000Z'));
  t.ok(lines.includes('DTSTART;TZID=Europe/Zurich:20251126T143000'));
  t.equal(readIcs(feedOf(v2)).event('s1.m-ref@meridian').sequence, 0, 'untouched sessions keep theirs');
  assertInstantsMatchDomain(t, feedOf(v2), v2);
});

t.test('a new join link reaches every event: SEQUENCE rises and DTSTAMP moves with it', async (t) => {
  const v1 = referenceMeeting();
  const zoom = 'https://zoom.example.org/j/1';
  const relocated = run(v1, 'ChangeMeetingDetails', { location: { name: 'Online (Zoom)', url: zoom } }, '2025-11-15T09:00:00Z');
  const v2 = run(relocated, 'ReleaseAgenda', { label: 'Rev.2' }, '2025-11-15T10:00:00Z');
  for (const session of ['opening', 's1', 's2', 'closing']) {
    const uid = `${session}.m-ref@meridian`;
    t.equal(readIcs(feedOf(v2)).event(uid).sequence, readIcs(feedOf(v1)).event(uid).sequence + 1, `${session}: SEQUENCE+1`);
    const lines = eventLines(feedOf(v2), uid);
    t.ok(lines.includes('DTSTAMP:20251115T100000Z'), `${session}: DTSTAMP of the release`);
    t.ok(lines.includes(`URL;VALUE=URI:${zoom}`), `${session}: the new link`);
  }
});

t.test('a cancelled session stays as STATUS:CANCELLED until the meeting is over, then drops out', async (t) => {
  const cancelled = run(referenceMeeting(), 'CancelSession', { sessionId: 's2' }, '2025-11-20T09:00:00Z');
  const meeting = run(cancelled, 'ReleaseAgenda', {}, '2025-11-20T10:00:00Z');
  for (const now of [BEFORE, DURING]) {
    const s2 = readIcs(feedOf(meeting, { now })).event('s2.m-ref@meridian');
    t.equal(s2.status, 'CANCELLED', `at ${now.toString()}`);
    t.equal(s2.sequence, 1, 'SEQUENCE+1');
  }
  const after = readIcs(feedOf(meeting, { now: AFTER }));
  t.same(after.events.map((event) => event.uid), ['opening.m-ref@meridian', 's1.m-ref@meridian', 'closing.m-ref@meridian']);
  t.ok(after.events.every((event) => event.status === 'CONFIRMED'), 'scheduled sessions stay');
});

t.test('a cancelled session\'s event stays as it was cancelled when later releases move the meeting to another zone and link', async (t) => {
  const cancelled = run(run(referenceMeeting(), 'CancelSession', { sessionId: 's2' }, '2025-11-15T09:00:00Z'), 'ReleaseAgenda', {}, '2025-11-15T10:00:00Z');
  const relinked = run(cancelled, 'ChangeMeetingDetails', { location: { name: 'Online (Zoom)', url: 'https://zoom.example.org/j/1' } }, '2025-11-16T09:00:00Z');
  const rezoned = run(relinked, 'ChangeTimeZone', { timeZone: 'Asia/Tokyo', policy: 'keep-wall-times' }, '2025-11-16T09:30:00Z');
  const later = run(rezoned, 'ReleaseAgenda', {}, '2025-11-16T10:00:00Z');
  const uid = 's2.m-ref@meridian';
  const [before, after] = [feedOf(cancelled), feedOf(later)].map((ics) => readIcs(ics).event(uid));
  t.equal(readIcs(feedOf(later)).event('s1.m-ref@meridian').sequence, 1, 'a session held moved with the zone: SEQUENCE+1');
  t.equal(after!.sequence, before!.sequence, 'SEQUENCE unchanged');
  t.equal(after!.status, 'CANCELLED');
  t.equal(after!.start.instant.toString(), before!.start.instant.toString(), 'the same start');
  t.equal(after!.end.instant.toString(), before!.end.instant.toString(), 'the same end');
  for (const property of ['summary', 'description', 'location', 'url', 'dtstamp']) {
    t.equal(textOf(after!.component, property), textOf(before!.component, property), `the same ${property}`);
  }
  t.notOk(eventLines(feedOf(later), uid).some((line) => /^(LOCATION|CONFERENCE)\b/.test(line)), 'no join link to a cancelled session');
});

t.test('a cancelled meeting cancels every session in the feed', async (t) => {
  const meeting = run(referenceMeeting(), 'CancelMeeting', { reason: 'Postponed' }, '2025-11-21T09:00:00Z');
  t.ok(latest(meeting).cancelled, 'cancelling is released at once');
  const { events } = readIcs(feedOf(meeting, { now: DURING }));
  t.equal(events.length, 4);
  t.ok(events.every((event) => event.status === 'CANCELLED'));
  t.equal(readIcs(feedOf(meeting, { now: AFTER })).events.length, 0, 'all gone once it would have ended');
});

t.test('a feed with no event left still holds the zone\'s VTIMEZONE: a calendar is never empty (RFC 5545 §3.6)', async (t) => {
  const cancelledSession = run(run(referenceMeeting(), 'CancelSession', { sessionId: 's2' }, '2025-11-20T09:00:00Z'), 'ReleaseAgenda', {}, '2025-11-20T10:00:00Z');
  const cancelledMeeting = run(referenceMeeting(), 'CancelMeeting', { reason: 'Postponed' }, '2025-11-21T09:00:00Z');
  const releasedInUtc = run(run(referenceMeeting(), 'ChangeTimeZone', { timeZone: 'UTC', policy: 'keep-wall-times' }, '2025-11-12T08:00:00Z'), 'ReleaseAgenda', {}, '2025-11-12T09:00:00Z');
  const cancelledInUtc = run(releasedInUtc, 'CancelMeeting', { reason: 'Postponed' }, '2025-11-21T09:00:00Z');
  const feeds: [name: string, ics: string, tzid: string][] = [
    ['a personal feed that follows no session', feedOf(referenceMeeting(), { personal: { sessionIds: new Set(), alarmsMinutesBefore: [15] } }), 'Europe/Zurich'],
    ['a personal feed of a cancelled session, once the meeting is over', feedOf(cancelledSession, { now: AFTER, personal: { sessionIds: new Set(['s2']), alarmsMinutesBefore: [15] } }), 'Europe/Zurich'],
    ['a cancelled meeting\'s feed, once it would have ended', feedOf(cancelledMeeting, { now: AFTER }), 'Europe/Zurich'],
    // its last session ends at 17:00 UTC, an hour after the others
    ['the same in UTC', feedOf(cancelledInUtc, { now: Temporal.Instant.from('2025-11-26T17:00:01Z') }), 'UTC'],
  ];
  for (const [name, ics, tzid] of feeds) {
    const { calendar, events } = readIcs(ics);
    t.equal(events.length, 0, `${name}: no event`);
    t.same(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')), [tzid], `${name}: the zone's VTIMEZONE`);
    t.same(propertiesAfterComponents(ics), [], `${name}: properties first`);
  }
  const observances = linesOf(feedOf(cancelledMeeting, { now: AFTER }));
  t.ok(observances.includes('DTSTART:20251026T030000') && observances.includes('TZNAME:CET'), 'the observance in force on the meeting\'s day');
});

t.test('a time inside a DST fold is written in UTC, the other end keeps its TZID', async (t) => {
  const meeting = foldMeeting();
  const ics = feedOf(meeting);
  const { event } = readIcs(ics);
  t.same(event('from-fold.m-fold@meridian').start.tzid, null, '02:30 (earlier) in UTC');
  t.same(event('from-fold.m-fold@meridian').end.tzid, 'Europe/Zurich', '04:00 under the TZID');
  t.same([event('in-fold.m-fold@meridian').start.tzid, event('in-fold.m-fold@meridian').end.tzid], [null, null]);
  t.same(event('plain.m-fold@meridian').start.tzid, 'Europe/Zurich');
  const lines = linesOf(ics);
  t.ok(lines.includes('DTSTART:20261025T003000Z'));
  t.ok(lines.includes('DTEND;TZID=Europe/Zurich:20261025T040000'));
  // 02:40 then 02:20 on the wall: ical-generator would swap them as if they were UTC
  t.ok(lines.includes('DTSTART:20261025T004000Z') && lines.includes('DTEND:20261025T012000Z'), 'backwards wall times kept');
  assertInstantsMatchDomain(t, ics, meeting);
});

t.test('a meeting in UTC is written in UTC, with no VTIMEZONE', async (t) => {
  let meeting = run(referenceMeeting(), 'ChangeTimeZone', { timeZone: 'UTC', policy: 'keep-wall-times' }, '2025-11-12T08:00:00Z');
  meeting = run(meeting, 'ReleaseAgenda', {}, '2025-11-12T09:00:00Z');
  const ics = feedOf(meeting);
  t.ok(linesOf(ics).includes('DTSTART:20251126T092000Z'));
  t.notOk(ics.includes('VTIMEZONE'));
  assertInstantsMatchDomain(t, ics, meeting);
});

t.test('text is escaped and links are not', async (t) => {
  const link = 'https://example.org/join;jsessionid=1?a=1,2';
  let meeting = run(referenceMeeting(), 'ChangeMeetingDetails', {
    title: 'Cities, rights; and \\ budgets',
    location: { name: 'Online "Zoom"', url: link },
  }, '2025-11-12T08:00:00Z');
  meeting = run(meeting, 'ReleaseAgenda', {}, '2025-11-12T09:00:00Z');
  const ics = feedOf(meeting, { organizer: { name: 'The "Geneva" office', email: 'office@example.org' } });
  // ical.js does not know NAME and X-WR-CALNAME, so it does not unescape them: the text is checked
  const lines = linesOf(ics);
  t.ok(lines.includes('NAME:Cities\\, rights\\; and \\\\ budgets'), 'NAME');
  t.ok(lines.includes('X-WR-CALNAME:Cities\\, rights\\; and \\\\ budgets'), 'X-WR-CALNAME');
  const { event } = readIcs(ics);
  const s1 = event('s1.m-ref@meridian').component;
  t.equal(textOf(s1, 'url'), link, 'URL');
  t.equal(s1.getFirstProperty('conference')?.getFirstValue(), link, 'CONFERENCE');
  t.equal(s1.getFirstProperty('conference')?.getParameter('label'), "Online 'Zoom'", 'a quote cannot be in a parameter');
  t.equal(s1.getFirstProperty('organizer')?.getParameter('cn'), "The 'Geneva' office");
  t.equal(textOf(s1, 'organizer'), 'mailto:office@example.org');
});

t.test('a personal feed keeps the followed sessions and reminds of the scheduled ones', async (t) => {
  const cancelled = run(referenceMeeting(), 'CancelSession', { sessionId: 's2' }, '2025-11-20T09:00:00Z');
  const meeting = run(cancelled, 'ReleaseAgenda', {}, '2025-11-20T10:00:00Z');
  const ics = feedOf(meeting, { personal: { sessionIds: new Set(['s1', 's2']), alarmsMinutesBefore: [10, 60] } });
  const { events, event } = readIcs(ics);
  t.same(events.map((e) => e.uid), ['s1.m-ref@meridian', 's2.m-ref@meridian']);
  const alarms = event('s1.m-ref@meridian').component.getAllSubcomponents('valarm');
  t.same(
    alarms.map((alarm) => [textOf(alarm, 'action'), textOf(alarm, 'trigger'), textOf(alarm, 'description')]),
    [
      ['DISPLAY', '-PT10M', 'Session 1: Human rights cities'],
      ['DISPLAY', '-PT1H', 'Session 1: Human rights cities'],
    ],
  );
  t.equal(event('s2.m-ref@meridian').component.getAllSubcomponents('valarm').length, 0, 'no reminder of a cancelled session');
  const everyone = readIcs(feedOf(meeting, { personal: { sessionIds: null, alarmsMinutesBefore: [] } }));
  t.equal(everyone.events.length, 4, 'null follows every session');
  t.notOk(feedOf(meeting).includes('VALARM'), 'the public feed has no alarms');
});

t.test('in a personal feed every event property comes before the alarms (RFC 5545 §3.6.1)', async (t) => {
  const ics = feedOf(referenceMeeting(), { organizer: ORGANIZER, personal: { sessionIds: null, alarmsMinutesBefore: [10, 60] } });
  t.equal(ics.match(/BEGIN:VALARM/g)?.length, 8, 'two alarms in each of four events');
  t.same(propertiesAfterComponents(ics).filter((misplaced) => misplaced.startsWith('VEVENT')), [], 'STATUS, CREATED, LAST-MODIFIED, URL and CONFERENCE before the VALARMs');
  const lines = eventLines(ics, 's1.m-ref@meridian');
  t.equal(lines.at(-2), 'END:VALARM', 'the alarms close the event');
  t.ok(lines.includes(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL="Online (MS Teams)":${TEAMS_URL}`), 'CONFERENCE kept');
  t.equal(readIcs(ics).event('s1.m-ref@meridian').component.getAllSubcomponents('valarm').length, 2);
});

t.test('feeds in zones with odd offsets and 30-minute DST read back to the domain\'s instants around their 2026 changes', async (t) => {
  for (const zone of Object.keys(CHANGE_DAYS)) {
    const meeting = zoneMeeting(zone);
    const events = assertInstantsMatchDomain(t, feedOf(meeting), meeting);
    t.ok(events.every((event) => event.start.tzid === zone && event.end.tzid === zone), `${zone}: every time under its TZID`);
  }
});
