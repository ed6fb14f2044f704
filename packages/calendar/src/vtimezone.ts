import { Temporal } from '@meridian/domain';
import { localDateTime, utcOffset } from './_lib/ical-values.ts';

/** The span a VTIMEZONE has to describe: usually from the first start to the last end of a feed. */
export interface VTimezoneRange {
  readonly from: Temporal.Instant;
  readonly to: Temporal.Instant;
}

/** One observance: an offset and the moment it came into force. */
interface Observance {
  readonly kind: 'STANDARD' | 'DAYLIGHT';
  /** the moment's wall time under the offset before it (RFC 5545 §3.6.5) */
  readonly start: Temporal.PlainDateTime;
  readonly offsetFrom: number;
  readonly offsetTo: number;
  readonly name: string | null;
}

/**
 * A VTIMEZONE for `tzid`, generated from the runtime's own tz rules (Temporal's transitions), never
 * from a bundled table, so that it agrees with every instant the domain computes. It holds the
 * observance in force at `range.from` and one per offset change up to `range.to`, each written
 * once with its DTSTART (no RRULE: the rules in force may change, the list of changes is exact).
 * A zone that never changes gets a single STANDARD observance, and a range that starts before a
 * zone's first change starts with one for its local mean time. Works as ical-generator's
 * `timezone.generator` by closing over the range.
 *
 * @example
 * vtimezone('Asia/Kathmandu', { from: Temporal.Instant.from('2026-01-01T00:00:00Z'), to: Temporal.Instant.from('2026-12-31T00:00:00Z') })
 * //=> 'BEGIN:VTIMEZONE\r\nTZID:Asia/Kathmandu\r\nBEGIN:STANDARD\r\nDTSTART:19860101T000000\r\n
 * //    TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0545\r\nEND:STANDARD\r\nEND:VTIMEZONE'
 */
export const vtimezone = (tzid: string, range: VTimezoneRange): string =>
  [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    ...observances(tzid, range).flatMap((observance) => [
      `BEGIN:${observance.kind}`,
      `DTSTART:${localDateTime(observance.start)}`,
      `TZOFFSETFROM:${utcOffset(observance.offsetFrom)}`,
      `TZOFFSETTO:${utcOffset(observance.offsetTo)}`,
      ...(observance.name === null ? [] : [`TZNAME:${observance.name}`]),
      `END:${observance.kind}`,
    ]),
    'END:VTIMEZONE',
  ].join('\r\n');

const observances = (tzid: string, range: VTimezoneRange): Observance[] => {
  // `previous` is strictly before: one nanosecond later makes it "at or before", so that a range
  // starting exactly on a change begins with the new offset.
  const inForce = range.from.add({ nanoseconds: 1 }).toZonedDateTimeISO(tzid).getTimeZoneTransition('previous');
  const changes = inForce === null ? [] : [inForce];
  let next = (inForce ?? range.from.toZonedDateTimeISO(tzid)).getTimeZoneTransition('next');
  while (next !== null && Temporal.Instant.compare(next.toInstant(), range.to) <= 0) {
    changes.push(next);
    next = next.getTimeZoneTransition('next');
  }
  // `next` is now the first change after the range: it only tells whether the last one is daylight
  const observed = changes.map((change, index) => observanceAt(tzid, change, changes[index + 1] ?? next));
  // No change before the range: a zone with one offset for ever (UTC, Etc/GMT+5), or a range that
  // starts before the zone's first change (its local mean time), observed from where it starts.
  return inForce === null ? [firstOffset(tzid, range.from), ...observed] : observed;
};

const firstOffset = (tzid: string, from: Temporal.Instant): Observance => {
  const start = from.toZonedDateTimeISO(tzid);
  return {
    kind: 'STANDARD',
    start: start.toPlainDateTime(),
    offsetFrom: start.offsetNanoseconds,
    offsetTo: start.offsetNanoseconds,
    name: abbreviation(tzid, from),
  };
};

const observanceAt = (
  tzid: string,
  change: Temporal.ZonedDateTime,
  following: Temporal.ZonedDateTime | null,
): Observance => {
  const offsetFrom = change.subtract({ nanoseconds: 1 }).offsetNanoseconds;
  const offsetTo = change.offsetNanoseconds;
  // Temporal knows offsets, not DST flags. An offset raised and later lowered again is daylight
  // saving; a change kept for good (Kathmandu 1986, Samoa 2011, São Paulo 2019) is standard time.
  const daylight =
    offsetTo > offsetFrom && following !== null && following.offsetNanoseconds < offsetTo;
  return {
    kind: daylight ? 'DAYLIGHT' : 'STANDARD',
    start: change.toInstant().add({ nanoseconds: offsetFrom }).toZonedDateTimeISO('UTC').toPlainDateTime(),
    offsetFrom,
    offsetTo,
    name: abbreviation(tzid, change.toInstant()),
  };
};

/**
 * TZNAME where one exists: the abbreviation ICU gives in en-US ("EST") or en-GB ("CET"). A "GMT+5:45"
 * is no name, only the offset again, so it is left out (TZNAME is optional).
 */
const abbreviation = (tzid: string, instant: Temporal.Instant): string | null => {
  for (const locale of ['en-US', 'en-GB']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: tzid, timeZoneName: 'short' })
      .formatToParts(instant.epochMilliseconds)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name !== undefined && /^[A-Z]{2,6}$/.test(name)) return name;
  }
  return null;
};
