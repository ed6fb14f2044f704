import { PAGE_CATALOGUES, type PageMessageKey } from './catalogues/index.ts';
import type { PageContext } from './page-context.ts';
import { Temporal } from '@meridian/domain';
import { dayShiftText, meetingDaysAcross } from './time-range.ts';

/**
 * The day shifts a page can show: a zone's date lies at most two days off the meeting's at a
 * start (zones are at most 26 hours apart), and an end adds the days its session spans, in the
 * programme or in the history's times of every release.
 */
const shiftsOf = (page: PageContext): number[] => {
  const zone = page.zones.meetingZone;
  const spans = [
    ...page.agenda.sessions.map((session) => ({ startInstant: session.start.instant, endInstant: session.end.instant })),
    ...page.input.meeting.releases.flatMap((release) => release.changes.sessions.flatMap((change) => (change.previous === null ? [change.times] : [change.times, change.previous]))),
  ];
  const longest = Math.max(0, ...spans.map((span) => meetingDaysAcross(Temporal.Instant.from(span.startInstant), Temporal.Instant.from(span.endInstant), zone)));
  return Array.from({ length: longest + 5 }, (_, index) => index - 2).filter((days) => days !== 0);
};

/** The `client.*` messages, which the page's script fills with `{name}` values only. */
export const CLIENT_KEYS = Object.keys(PAGE_CATALOGUES.en).filter((key): key is PageMessageKey => key.startsWith('client.'));

/** What the page's script needs in the reader's language, sent in the page as JSON. */
export interface ClientStrings {
  /** raw `client.*` messages by key */
  readonly messages: Readonly<Record<string, string>>;
  /** "+1 day", "−1 day"… by day shift */
  readonly shifts: Readonly<Record<string, string>>;
}

/**
 * The words the page's script writes, already in the page's language.
 *
 * @example
 * clientStrings(page).shifts['1'] //=> '+1 day'
 */
export const clientStrings = (page: PageContext): ClientStrings => ({
  messages: Object.fromEntries(CLIENT_KEYS.map((key) => [key, page.l.raw(key)])),
  shifts: Object.fromEntries(shiftsOf(page).map((days) => [String(days), dayShiftText(page.l, days)])),
});
