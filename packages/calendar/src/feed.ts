import { Temporal, type ExistingMeeting, type Release, type ReleasedSession } from '@meridian/domain';
import { ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import type { Organizer } from './calendar-users.ts';
import { text, uri } from './_lib/ical-values.ts';
import { newCalendar, releaseZone, serialise } from './_lib/new-calendar.ts';
import { addSessionEvent, isCancelled } from './_lib/session-event.ts';
import { meetingIsOver } from './meeting-over.ts';

/** A participant's own feed: some sessions only, with reminders. */
export interface PersonalFeedOptions {
  /** the sessions this participant follows; null or left out: all of them */
  readonly sessionIds?: ReadonlySet<string> | null;
  /** one display alarm per entry on every scheduled session, in whole minutes before its start */
  readonly alarmsMinutesBefore: readonly number[];
}

export interface FeedInput {
  readonly meeting: ExistingMeeting;
  /** the release to publish, usually the latest */
  readonly release: Release;
  /** decides only whether the meeting is over (cancelled sessions then drop out); never written */
  readonly now: Temporal.Instant;
  /** where this feed is served: SOURCE */
  readonly feedUrl: string;
  /** the meeting's page: the calendar's URL, and each session's when there is no join link */
  readonly pageUrl: string;
  readonly organizer?: Organizer;
  readonly personal?: PersonalFeedOptions;
}

/** How often clients should fetch the feed again: REFRESH-INTERVAL and X-PUBLISHED-TTL. */
const REFRESH_SECONDS = 3600;

/**
 * The iCalendar feed of a release (DESIGN.md, Calendar rules): one VEVENT per released session, in
 * the meeting's zone with its VTIMEZONE (there even when no session is left), cancelled sessions as
 * STATUS:CANCELLED until the meeting is over. The same input gives the same bytes: every date
 * written comes from the release, none from a clock.
 *
 * @example
 * buildFeed({ meeting, release, now, feedUrl: 'https://meridian.example/meetings/m-1/calendar.ics', pageUrl: 'https://meridian.example/meetings/m-1' })
 * //=> 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meridian//Meridian agenda//EN\r\n…METHOD:PUBLISH\r\n…
 * //    DTSTART;TZID=Europe/Zurich:20251126T092000\r\n…END:VCALENDAR\r\n'
 */
export const buildFeed = (input: FeedInput): string => {
  const { meeting, release, personal } = input;
  // 1. the sessions this feed shows
  const sessions = feedSessions(release, input.now, personal?.sessionIds ?? null);
  // 2. the calendar: ical-generator writes NAME and X-WR-CALNAME unescaped, hence text()
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH)
    .name(text(release.details.title))
    .url(uri(input.pageUrl))
    .source(uri(input.feedUrl))
    .ttl(REFRESH_SECONDS);
  // 3. one event per session, stamped with the release that last changed it
  for (const session of sessions) {
    const event = addSessionEvent(calendar, {
      meetingId: meeting.id,
      release,
      session,
      stamp: Temporal.Instant.from(session.changedAt),
      pageUrl: input.pageUrl,
      organizer: input.organizer ?? null,
    });
    if (isCancelled(release, session)) continue;
    for (const minutes of personal?.alarmsMinutesBefore ?? []) {
      event.createAlarm({ type: ICalAlarmType.display, trigger: minutes * 60, description: session.title });
    }
  }
  // 4. the zone of the whole release, so that a feed left with no session still holds a component
  return serialise(calendar, releaseZone(release));
};

/** The released sessions in release order that a feed shows (`showsSession`), only the followed ones in a personal feed. */
const feedSessions = (
  release: Release,
  now: Temporal.Instant,
  followed: ReadonlySet<string> | null,
): ReleasedSession[] => {
  const over = meetingIsOver(release, now);
  return [...release.sessions.values()].filter((session) => (followed === null || followed.has(session.id)) && showsSession(release, session, over));
};

/**
 * Whether a feed shows a released session, `over` telling whether the meeting is over: a
 * cancelled one stays, so that calendars mark it, until the last session of the meeting has ended.
 *
 * @example
 * showsSession(release, cancelledSession, meetingIsOver(release, now)) //=> false once the meeting is over
 */
export const showsSession = (release: Release, session: ReleasedSession, over: boolean): boolean => !(over && isCancelled(release, session));
