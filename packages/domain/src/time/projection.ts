import { Temporal } from './temporal.ts';
import { formatWallTime } from './local-time.ts';
import { BoundedMemo } from '../_lib/bounded-memo.ts';

/** One instant as a participant sees it, beside the meeting's own wall time (DESIGN.md, Time rules). */
export interface ProjectedTime {
  /** UTC, e.g. `2025-11-26T08:20:00Z` */
  readonly instant: string;
  /** wall time in the meeting's zone, e.g. `2025-11-26T09:20` */
  readonly meeting: string;
  /** the meeting zone's UTC offset at that instant, e.g. `+01:00` */
  readonly meetingOffset: string;
  /** wall time in the viewer's zone */
  readonly local: string;
  /** the viewer zone's UTC offset at that instant */
  readonly offset: string;
  /** the short zone name `Intl` gives for the viewer's locale at that instant ("CET", "GMT+1") */
  readonly abbreviation: string;
  /** the viewer's local date minus the meeting's local date of the same instant */
  readonly dayShift: number;
  /** localized text of the viewer's date and time, formatted by `Intl.DateTimeFormat` */
  readonly text: Readonly<{ date: string; time: string; dateTime: string }>;
}

export interface ProjectionOptions {
  readonly meetingZone: string;
  readonly viewerZone: string;
  /** a locale already checked with `validateLocale` */
  readonly locale: string;
}

/**
 * Projects an instant into the viewer's zone and locale.
 *
 * @example
 * projectInstant(Temporal.Instant.from('2025-11-26T08:20:00Z'),
 *   { meetingZone: 'Europe/Zurich', viewerZone: 'Asia/Tokyo', locale: 'en-GB' })
 * //=> { instant: '2025-11-26T08:20:00Z', meeting: '2025-11-26T09:20', meetingOffset: '+01:00',
 * //     local: '2025-11-26T17:20', offset: '+09:00', abbreviation: 'GMT+9', dayShift: 0, text: … }
 */
export const projectInstant = (instant: Temporal.Instant, options: ProjectionOptions): ProjectedTime => {
  const inMeeting = instant.toZonedDateTimeISO(options.meetingZone);
  const inViewer = instant.toZonedDateTimeISO(options.viewerZone);
  const formats = formatsFor(options.locale, options.viewerZone);
  const epoch = instant.epochMilliseconds;
  return {
    instant: instant.toString(),
    meeting: formatWallTime(inMeeting.toPlainDateTime()),
    meetingOffset: inMeeting.offset,
    local: formatWallTime(inViewer.toPlainDateTime()),
    offset: inViewer.offset,
    abbreviation: zoneName(formats.zoneName, epoch),
    dayShift: dayShift(inMeeting.toPlainDate(), inViewer.toPlainDate()),
    text: { date: formats.date.format(epoch), time: formats.time.format(epoch), dateTime: formats.dateTime.format(epoch) },
  };
};

/** Whole days from the meeting's local date to the viewer's (+1: the viewer is already on the next day). */
export const dayShift = (meetingDate: Temporal.PlainDate, viewerDate: Temporal.PlainDate): number =>
  meetingDate.until(viewerDate, { largestUnit: 'day' }).days;

/** The short zone name for a locale at an instant ("CET" in en-GB, "GMT+1" in en-US). */
export const abbreviationAt = (instant: Temporal.Instant, timeZone: string, locale: string): string =>
  zoneName(formatsFor(locale, timeZone).zoneName, instant.epochMilliseconds);

const zoneName = (format: Intl.DateTimeFormat, epoch: number): string =>
  format.formatToParts(epoch).find((part) => part.type === 'timeZoneName')?.value ?? '';

interface Formats {
  readonly zoneName: Intl.DateTimeFormat;
  readonly date: Intl.DateTimeFormat;
  readonly time: Intl.DateTimeFormat;
  readonly dateTime: Intl.DateTimeFormat;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; agendas format many
// times per request in a handful of (locale, zone) pairs. Bounded, least-recently-used.
const FORMAT_CACHE_LIMIT = 512;
const formatCache = new BoundedMemo<string, Formats>(FORMAT_CACHE_LIMIT);

const formatsFor = (locale: string, timeZone: string): Formats => {
  const key = `${locale}\u0000${timeZone}`;
  const cached = formatCache.get(key);
  if (cached !== undefined) return cached;
  return formatCache.set(key, {
    zoneName: new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
    date: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }),
    dateTime: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }),
  });
};
