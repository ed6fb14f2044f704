import { BoundedMemo, Temporal, abbreviationAt } from '@meridian/domain';
import { escapeHtml } from './html.ts';

/**
 * The `Intl` option sets the page formats with. The page's script uses the very same sets (see
 * `client/agenda.js`), so that a time reads the same whether the server or the browser wrote it;
 * `time` and `day` are the ones the agenda API's `text.time` and `text.date` use.
 */
export const FORMAT_OPTIONS = {
  time: { timeStyle: 'short' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  stamp: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type FormatName = keyof typeof FORMAT_OPTIONS;

// Building a DateTimeFormat costs far more than using one; a page uses a few (locale, zone) pairs.
const formats = new BoundedMemo<string, Intl.DateTimeFormat>(512);

/**
 * Formats an instant in a zone and locale with one of the page's option sets.
 *
 * @example
 * formatInstant(Temporal.Instant.from('2025-11-26T08:00:00Z'), 'time', 'Asia/Tokyo', 'en-GB') //=> '17:00'
 */
export const formatInstant = (instant: Temporal.Instant, name: FormatName, timeZone: string, locale: string): string =>
  formatter(name, timeZone, locale).format(instant.epochMilliseconds);

const formatter = (name: FormatName, timeZone: string, locale: string): Intl.DateTimeFormat => {
  const key = `${name}\u0000${timeZone}\u0000${locale}`;
  return formats.get(key) ?? formats.set(key, new Intl.DateTimeFormat(locale, { ...FORMAT_OPTIONS[name], timeZone }));
};

/**
 * A span of dates on the meeting's clock ("26–28 November 2025"), by `Intl.DateTimeFormat#formatRange`.
 *
 * @example
 * formatDateRange(Temporal.Instant.from('2025-11-26T08:00:00Z'), Temporal.Instant.from('2025-11-26T16:00:00Z'), 'Europe/Zurich', 'en-GB')
 * //=> 'Wednesday 26 November 2025'
 */
export const formatDateRange = (start: Temporal.Instant, end: Temporal.Instant, timeZone: string, locale: string): string =>
  formatter('day', timeZone, locale).formatRange(start.epochMilliseconds, end.epochMilliseconds);

/** The short zone name at an instant in the page's locale ("CET", "GMT+9", "EST"). */
export const zoneNameAt = (instant: Temporal.Instant, timeZone: string, locale: string): string => abbreviationAt(instant, timeZone, locale);

/**
 * A list of HTML items joined by `Intl.ListFormat` in the page's locale ("A, B and C", "A, B or C"):
 * the items stay markup, the words between them are escaped.
 *
 * @example
 * listHtml('en', ['<b>A</b>', '<b>B</b>'], 'disjunction') //=> '<b>A</b> or <b>B</b>'
 */
export const listHtml = (locale: string, items: readonly string[], type: 'conjunction' | 'disjunction'): string =>
  new Intl.ListFormat(locale, { type, style: 'long' })
    .formatToParts(items.map((_, index) => String(index)))
    .map((part) => (part.type === 'element' ? items[Number(part.value)]! : escapeHtml(part.value)))
    .join('');
