import { Temporal, type Location, type Release, type ReleasedSession } from '@meridian/domain';
import { ICalEvent, ICalEventStatus, type ICalCalendar, type ICalEventData } from 'ical-generator';
import type { Organizer } from '../calendar-users.ts';
import { sessionUid } from '../uid.ts';
import { describeSession } from './describe-session.ts';
import { parameterText, quotedParameter, text, uri } from './ical-values.ts';
import { dateTimeLine, writtenTime } from './session-times.ts';

/** What the VEVENT of one released session is made of; the feed and the iTIP messages share it. */
export interface SessionEventInput {
  readonly meetingId: string;
  readonly release: Release;
  readonly session: ReleasedSession;
  /** DTSTAMP: when the session last changed (feed) or when the release was sent (iTIP) */
  readonly stamp: Temporal.Instant;
  /** the meeting page, the URL of a session when the meeting has no join link */
  readonly pageUrl: string;
  readonly organizer: Organizer | null;
}

/**
 * Whether participants see a session as cancelled: cancelled itself, or in a cancelled meeting.
 *
 * @example
 * isCancelled(cancelledMeetingRelease, scheduledSession) //=> true
 */
export const isCancelled = (release: Release, session: ReleasedSession): boolean =>
  release.cancelled || session.status === 'cancelled';

/**
 * Adds the VEVENT of a session to a calendar and returns it (for alarms or attendees). ical-generator
 * writes what it writes right (verified by the tests: TZID wall times from a PlainDateTime, UTC
 * stamps, escaped text); this adds what it cannot write: a fold time in UTC beside a TZID time (its
 * time zone is per event), a URL left as it is (it escapes `,` and `;` in URIs), and RFC 7986
 * CONFERENCE (its custom properties must start with `X-`).
 *
 * @example
 * addSessionEvent(calendar, { meetingId: 'm-1', release, session, stamp, pageUrl, organizer: null })
 * // then calendar.toString() holds 'UID:s1.m-1@meridian' … 'DTSTART;TZID=Europe/Zurich:20251126T092000'
 */
export const addSessionEvent = (calendar: ICalCalendar, input: SessionEventInput): ICalEvent => {
  const { release, session } = input;
  const cancelled = isCancelled(release, session);
  const { timeZone } = release.details;
  // A cancelled session's event carries neither a join link (there is nothing to join) nor the
  // meeting's documents: later releases leave a cancelled session as it was, SEQUENCE included,
  // and an event that changed without its SEQUENCE is one that clients disagree on.
  const location = cancelled ? null : release.details.location;
  const documents = cancelled ? [] : release.details.documents;
  const start = writtenTime(session.start, timeZone);
  const end = writtenTime(session.end, timeZone);
  const data: ICalEventData = {
    // ical-generator writes the UID unescaped
    id: text(sessionUid(input.meetingId, session.id)),
    sequence: session.sequence,
    stamp: input.stamp,
    created: Temporal.Instant.from(session.addedAt),
    lastModified: Temporal.Instant.from(session.changedAt),
    timezone: timeZone,
    start: start.wall,
    end: end.wall,
    summary: session.title,
    description: describeSession(session, documents),
    location: location === null ? null : locationText(location),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer === null ? null : { name: parameterText(input.organizer.name), email: input.organizer.email },
  };
  // ical-generator compares a start and an end given as PlainDateTime as if they were UTC and swaps
  // them when the start's wall time is later (possible across a fold), so when a time has to be
  // written in UTC both lines are written here from the instants.
  const times =
    start.inUtc || end.inUtc
      ? [dateTimeLine('DTSTART', start, timeZone), dateTimeLine('DTEND', end, timeZone)]
      : [];
  const joinUrl = location?.url ?? null;
  const extra = [
    `URL;VALUE=URI:${uri(joinUrl ?? input.pageUrl)}`,
    ...(location === null || joinUrl === null
      ? []
      : [`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=${quotedParameter(location.name)}:${uri(joinUrl)}`]),
  ];
  return calendar.createEvent(new PatchedEvent(data, calendar, times, extra));
};

/** An online meeting's join link goes in LOCATION too: clients that ignore CONFERENCE show it there. */
const locationText = (location: Location): string =>
  location.url === null ? location.name : `${location.name}: ${uri(location.url)}`;

/**
 * An ical-generator event whose printed lines are completed: `replace` takes the place of the line
 * of the same property, `append` follows the event's other properties. Its alarms go last, after
 * every property (RFC 5545 §3.6.1), where ical-generator writes them among the properties.
 * Subclassing is ical-generator's own way to extend an event (`createEvent` accepts an instance);
 * lines are not folded yet at this level.
 */
class PatchedEvent extends ICalEvent {
  readonly #replace: ReadonlyMap<string, string>;
  readonly #append: readonly string[];

  constructor(data: ICalEventData, calendar: ICalCalendar, replace: readonly string[], append: readonly string[]) {
    super(data, calendar);
    this.#replace = new Map(replace.map((line) => [propertyName(line), line]));
    this.#append = append;
  }

  override toString(): string {
    const { own, nested } = splitNested(super.toString().split('\r\n'));
    const end = own.indexOf('END:VEVENT');
    const properties = own.slice(0, end).map((line) => this.#replace.get(propertyName(line)) ?? line);
    return [...properties, ...this.#append, ...nested, ...own.slice(end)].join('\r\n');
  }
}

const propertyName = (line: string): string => line.slice(0, line.search(/[;:]|$/));

/** A component's lines apart from those of the components inside it (an event's VALARMs), both in order. */
const splitNested = (lines: readonly string[]): { own: string[]; nested: string[] } => {
  const own: string[] = [];
  const nested: string[] = [];
  let depth = 0;
  for (const line of lines) {
    if (line.startsWith('BEGIN:')) depth += 1;
    (depth > 1 ? nested : own).push(line);
    if (line.startsWith('END:')) depth -= 1;
  }
  return { own, nested };
};
