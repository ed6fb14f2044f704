import { meetingEndsAt } from '@meridian/calendar';
import { projectAgenda, Temporal, type Agenda, type ExistingMeeting, type Release } from '@meridian/domain';
import type { ScheduleConfig } from '../config.ts';
import { clockChanges, type ClockChange } from './clock-changes.ts';
import type { PageLanguage } from './page-language.ts';
import { pageLocalizerFor, type PageLocalizer } from './page-localizer.ts';
import { subscribeLinks, type SubscribeLinks } from './subscribe-links.ts';
import type { RangeZones } from './time-range.ts';

/** A `?tz=` the service refused, shown beside the zone picker. */
export interface ZoneError {
  readonly value: string;
  readonly suggestions: readonly string[];
}

/** What a request decided, for the page to be rendered from. */
export interface AgendaPageInput {
  readonly meeting: ExistingMeeting;
  /** the zone the page is in: `?tz=` when valid, else the meeting's */
  readonly viewerZone: string;
  /** true when `?tz=` chose the zone (the page's script then keeps it) */
  readonly zoneChosen: boolean;
  readonly zoneError: ZoneError | null;
  readonly language: PageLanguage;
  /** the service clock's now */
  readonly now: Temporal.Instant;
  readonly config: Pick<ScheduleConfig, 'publicUrl' | 'notifyUrl'>;
  /** versioned paths of the stylesheet and the script */
  readonly assets: Readonly<{ css: string; js: string }>;
}

/** Everything the section renderers share, computed once per page. */
export interface PageContext {
  readonly input: AgendaPageInput;
  readonly l: PageLocalizer;
  readonly release: Release;
  /** the latest release projected into the viewer's zone, exactly as the agenda API answers it */
  readonly agenda: Agenda;
  readonly zones: RangeZones;
  readonly sameZone: boolean;
  readonly links: SubscribeLinks;
  /** "today": the service clock's now, to the hour, so that the page's bytes (and ETag) hold for an hour */
  readonly today: Temporal.Instant;
  /** the end of the meeting's last session, or null without sessions */
  readonly end: Temporal.Instant | null;
  /** offset changes of both zones between today and the meeting's end */
  readonly clockChanges: readonly ClockChange[];
  /** a link to this page in another language or zone (relative, same origin) */
  readonly href: (changes: Readonly<{ lang?: string | null; tz?: string | null }>) => string;
}

/**
 * "Today" as the page says it: the service clock's now, down to the hour, so that a page's bytes
 * (and its ETag, and the server's rendering of it) hold for an hour.
 *
 * @example
 * todayOf(Temporal.Instant.from('2025-11-01T09:41:07Z')).toString() //=> '2025-11-01T09:00:00Z'
 */
export const todayOf = (now: Temporal.Instant): Temporal.Instant => now.round({ smallestUnit: 'hour', roundingMode: 'floor' });

/**
 * Computes once what every section of the page reads.
 *
 * @example
 * pageContext(input).agenda.sessions[0].start.local //=> '2025-11-26T17:00' (for Asia/Tokyo)
 */
export const pageContext = (input: AgendaPageInput): PageContext => {
  const { meeting } = input;
  const release = meeting.releases.at(-1)!;
  const l = pageLocalizerFor(input.language.locale);
  const meetingZone = release.details.timeZone;
  const agenda = projectAgenda(meeting, release, { viewerZone: input.viewerZone, locale: l.locale });
  const today = todayOf(input.now);
  const end = meetingEndsAt(release);
  const sameZone = input.viewerZone === meetingZone;
  const changes =
    end === null || Temporal.Instant.compare(end, today) <= 0
      ? []
      : [meetingZone, ...(sameZone ? [] : [input.viewerZone])].flatMap((zone) => clockChanges(zone, today, end));
  const lang = input.language.explicit ? input.language.locale : null;
  const tz = input.zoneChosen ? input.viewerZone : null;
  return {
    input,
    l,
    release,
    agenda,
    zones: { meetingZone, viewerZone: input.viewerZone },
    sameZone,
    links: subscribeLinks(input.config, meeting.id, release.details.title),
    today,
    end,
    clockChanges: changes,
    href: (changed) => {
      const query = new URLSearchParams();
      const nextLang = changed.lang === undefined ? lang : changed.lang;
      const nextTz = changed.tz === undefined ? tz : changed.tz;
      if (nextLang !== null) query.set('lang', nextLang);
      if (nextTz !== null) query.set('tz', nextTz);
      const search = query.toString();
      return `/m/${encodeURIComponent(meeting.id)}${search === '' ? '' : `?${search}`}`;
    },
  };
};
