import { Temporal, instantOf, type Release, type ReleasedSession } from '@meridian/domain';
import ical, { foldLines, type ICalCalendar, type ICalCalendarMethod } from 'ical-generator';
import { vtimezone, type VTimezoneRange } from '../vtimezone.ts';

/** The zone a calendar's times are written in, and the span its VTIMEZONE describes. */
export interface CalendarZone {
  readonly tzid: string;
  readonly range: VTimezoneRange;
}

/**
 * An empty ical-generator calendar. The zone is given to each event, never to the calendar: a
 * calendar zone name makes ical-generator write DTSTAMP, CREATED and LAST-MODIFIED as local times
 * without `Z`. The X-WR-TIMEZONE it would add says how to read floating times, and there are none
 * here. Its VTIMEZONE is not ical-generator's either: `serialise` writes it.
 *
 * @example
 * serialise(newCalendar(ICalCalendarMethod.PUBLISH), releaseZone(release))
 * //=> 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meridian//Meridian agenda//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\n…END:VCALENDAR\r\n'
 */
export const newCalendar = (method: ICalCalendarMethod): ICalCalendar =>
  ical({ prodId: { company: 'Meridian', product: 'Meridian agenda', language: 'EN' }, method });

/**
 * The zone of a release, its VTIMEZONE spanning `sessions`: by default all of the release's, so that
 * a feed left with none of them still describes the meeting's days. A release without any session
 * gets the observance in force when it was released.
 *
 * @example
 * releaseZone(referenceRelease) //=> { tzid: 'Europe/Zurich', range: { from: 2025-11-26T08:00:00Z, to: 2025-11-26T16:00:00Z } }
 */
export const releaseZone = (release: Release, sessions: Iterable<ReleasedSession> = release.sessions.values()): CalendarZone => {
  const tzid = release.details.timeZone;
  const starts: Temporal.Instant[] = [];
  const ends: Temporal.Instant[] = [];
  for (const session of sessions) {
    starts.push(instantOf(session.start, tzid));
    ends.push(instantOf(session.end, tzid));
  }
  const releasedAt = Temporal.Instant.from(release.releasedAt);
  return {
    tzid,
    range: { from: starts.sort(Temporal.Instant.compare)[0] ?? releasedAt, to: ends.sort(Temporal.Instant.compare).at(-1) ?? releasedAt },
  };
};

/**
 * The text of a calendar: its properties, then the VTIMEZONE of its zone, then its events, the last
 * line ending with CRLF (RFC 5545 §3.1). The VTIMEZONE is placed here because ical-generator writes
 * its own before REFRESH-INTERVAL and X-PUBLISHED-TTL (§3.4: every calendar property comes before
 * the first component), and none in a calendar without events, which would then hold no component
 * at all (§3.6: it must hold one). So a UTC calendar, whose times need no VTIMEZONE, gets one only
 * when it has no event.
 *
 * @example
 * serialise(calendar, { tzid: 'Europe/Zurich', range })
 * //=> 'BEGIN:VCALENDAR\r\n…X-PUBLISHED-TTL:PT1H\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\n…END:VTIMEZONE\r\nBEGIN:VEVENT\r\n…END:VCALENDAR\r\n'
 */
export const serialise = (calendar: ICalCalendar, zone: CalendarZone): string => {
  const text = `${calendar.toString()}\r\n`;
  const events = calendar.events();
  // ical-generator gives an event in UTC no zone: its times are written with `Z`
  const needsZone = events.length === 0 || events.some((event) => event.timezone() !== null);
  if (!needsZone) return text;
  // ical-generator writes every calendar property before its events, and the events last
  const componentsAt = text.search(/^(?:BEGIN:VEVENT|END:VCALENDAR)\r\n/m);
  return `${text.slice(0, componentsAt)}${foldLines(vtimezone(zone.tzid, zone.range))}\r\n${text.slice(componentsAt)}`;
};
