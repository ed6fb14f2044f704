import { Temporal, instantOf, type ReleasedSession } from '@meridian/domain';
import ical, { type ICalCalendar, type ICalCalendarMethod } from 'ical-generator';
import { vtimezone } from '../vtimezone.ts';

/**
 * An empty ical-generator calendar for some sessions of a meeting, with its VTIMEZONE generated for
 * the span of those sessions. The zone is given to each event, never to the calendar: a calendar
 * zone name makes ical-generator write DTSTAMP, CREATED and LAST-MODIFIED as local times without
 * `Z`. The X-WR-TIMEZONE it would add says how to read floating times, and there are none here.
 *
 * @example
 * serialise(newCalendar(ICalCalendarMethod.PUBLISH, 'Europe/Zurich', []))
 * //=> 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meridian//Meridian agenda//EN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n'
 */
export const newCalendar = (
  method: ICalCalendarMethod,
  timeZone: string,
  sessions: readonly ReleasedSession[],
): ICalCalendar =>
  ical({
    prodId: { company: 'Meridian', product: 'Meridian agenda', language: 'EN' },
    method,
    timezone: { name: null, generator: (tzid) => vtimezone(tzid, spanOf(sessions, timeZone)) },
  });

/** The text of a calendar: ical-generator leaves the last line without its CRLF (RFC 5545 §3.1). */
export const serialise = (calendar: ICalCalendar): string => `${calendar.toString()}\r\n`;

const spanOf = (sessions: readonly ReleasedSession[], timeZone: string) => {
  const starts = sessions.map((session) => instantOf(session.start, timeZone)).sort(Temporal.Instant.compare);
  const ends = sessions.map((session) => instantOf(session.end, timeZone)).sort(Temporal.Instant.compare);
  const from = starts[0];
  const to = ends.at(-1);
  // the generator is only called for the zone of an event, so there is at least one session
  if (from === undefined || to === undefined) throw new RangeError('a VTIMEZONE needs at least one session');
  return { from, to };
};
