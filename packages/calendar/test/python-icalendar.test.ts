import t from 'tap';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { instantOf, type ExistingMeeting } from '@meridian/domain';
import { buildFeed, sessionUid } from '../src/index.ts';
import { BEFORE, CHANGE_DAYS, FEED_URL, PAGE_URL, foldMeeting, latest, referenceMeeting, zoneMeeting } from './fixtures/meetings.ts';

// Debian's python, not the pyenv python3 on PATH, which cannot see Debian's packages
const PYTHON = '/usr/bin/python3';
const reader = fileURLToPath(new URL('./fixtures/read_ics.py', import.meta.url));
const missing =
  spawnSync(PYTHON, ['-c', 'import icalendar']).status === 0
    ? false
    : `Python's icalendar is not installed: apt-get install -y python3-icalendar (Debian package python3-icalendar, for ${PYTHON})`;

interface PythonReading {
  events: { uid: string; byName: string[]; byVtimezone: string[] }[];
}

const readWithPython = (ics: string): PythonReading => {
  const child = spawnSync(PYTHON, [reader], { input: ics, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`read_ics.py failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as PythonReading;
};

const feedOf = (meeting: ExistingMeeting) =>
  buildFeed({ meeting, release: latest(meeting), now: BEFORE, feedUrl: FEED_URL, pageUrl: PAGE_URL });

const meetings: [string, () => ExistingMeeting][] = [
  ['the reference meeting', referenceMeeting],
  ['the meeting across the fold', foldMeeting],
  ...Object.keys(CHANGE_DAYS).map((zone): [string, () => ExistingMeeting] => [`a meeting in ${zone} around its 2026 changes`, () => zoneMeeting(zone)]),
];

for (const [name, build] of meetings) {
  t.test(`Python's icalendar reads ${name} as the domain's instants, by zone name and through the VTIMEZONE`, { skip: missing }, async (t) => {
    const meeting = build();
    const release = latest(meeting);
    const zone = release.details.timeZone;
    const expected = [...release.sessions.values()].map((session) => ({
      uid: sessionUid(meeting.id, session.id),
      instants: [instantOf(session.start, zone).toString(), instantOf(session.end, zone).toString()],
    }));
    const { events } = readWithPython(feedOf(meeting));
    t.same(events.map((event) => ({ uid: event.uid, instants: event.byName })), expected, 'TZID looked up in the system tz database');
    t.same(events.map((event) => ({ uid: event.uid, instants: event.byVtimezone })), expected, "TZID resolved by the file's VTIMEZONE");
  });
}
