import type { ScheduleConfig } from '../config.ts';
import { meetingLinks } from '../links.ts';

/** Every way the page offers to put the agenda, or one session, into a calendar. */
export interface SubscribeLinks {
  /** the feed, `https:` (download, Outlook, other apps) */
  readonly feed: string;
  /** the feed as `webcal:` (Apple Calendar, Thunderbird and the OS's default calendar app) */
  readonly webcal: string;
  /** Google Calendar's "add by URL", which takes the webcal address */
  readonly google: string;
  /** Outlook on the web's "subscribe from web" */
  readonly outlook: string;
  /** the agenda JSON the page's script reads */
  readonly agenda: string;
  /** the page itself */
  readonly page: string;
  /** a one-event `.ics` of a session */
  readonly session: (sessionId: string) => string;
}

/**
 * The subscribe links of a meeting, all absolute on the service's public URL.
 *
 * @example
 * subscribeLinks({ publicUrl: 'https://meridian.example' }, 'm-1', 'Meeting').google
 * //=> 'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fmeridian.example%2Fmeetings%2Fm-1%2Fcalendar.ics'
 */
export const subscribeLinks = (config: Pick<ScheduleConfig, 'publicUrl'>, meetingId: string, title: string): SubscribeLinks => {
  const links = meetingLinks(config, meetingId);
  return {
    feed: links.calendar,
    webcal: links.webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(links.webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(links.calendar)}&name=${encodeURIComponent(title)}`,
    agenda: links.agenda,
    page: links.page,
    session: (sessionId) => sessionEventPath(config.publicUrl, meetingId, sessionId),
  };
};

/** Where a session's one-event `.ics` is served (the route is in `page-routes.ts`). */
export const sessionEventPath = (base: string, meetingId: string, sessionId: string): string =>
  `${base}/meetings/${encodeURIComponent(meetingId)}/sessions/${encodeURIComponent(sessionId)}/event.ics`;
