import { Temporal } from '@meridian/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// RFC 9110 §5.6.7: a recipient accepts all three forms; every one of them is in GMT.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Reads an HTTP `Retry-After` value (delay-seconds or an HTTP-date) as milliseconds from `now`;
 * `undefined` when absent or unreadable. A date in the past gives 0. Dates are read field by field
 * as GMT (never through `Date.parse`, which reads the asctime form in the host's zone).
 *
 * @example
 * parseRetryAfter('7', now) //=> 7000
 * parseRetryAfter('Wed, 26 Nov 2025 08:20:30 GMT', Temporal.Instant.from('2025-11-26T08:20:00Z')) //=> 30000
 */
export const parseRetryAfter = (value: string | undefined, now: Temporal.Instant): number | undefined => {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, now);
  if (at === undefined) return undefined;
  return Math.max(0, at.epochMilliseconds - now.epochMilliseconds);
};

type DateFields = readonly [day: number, monthName: string, year: number, hour: number, minute: number, second: number];

const readFields = (text: string, now: Temporal.Instant): DateFields | undefined => {
  const imf = IMF_FIXDATE.exec(text);
  if (imf) return [Number(imf[1]), imf[2]!, Number(imf[3]), Number(imf[4]), Number(imf[5]), Number(imf[6])];
  const rfc850 = RFC_850.exec(text);
  if (rfc850) {
    // RFC 9110: a two-digit year more than 50 years in the future is read as the past century.
    const year = 2000 + Number(rfc850[3]);
    const thisYear = now.toZonedDateTimeISO('UTC').year;
    return [Number(rfc850[1]), rfc850[2]!, year > thisYear + 50 ? year - 100 : year, Number(rfc850[4]), Number(rfc850[5]), Number(rfc850[6])];
  }
  const asctime = ASCTIME.exec(text);
  if (asctime) return [Number(asctime[2]!.trim()), asctime[1]!, Number(asctime[6]), Number(asctime[3]), Number(asctime[4]), Number(asctime[5])];
  return undefined;
};

const parseHttpDate = (text: string, now: Temporal.Instant): Temporal.Instant | undefined => {
  const fields = readFields(text, now);
  if (fields === undefined) return undefined;
  const [day, monthName, year, hour, minute, second] = fields;
  const month = MONTHS.indexOf(monthName) + 1;
  if (month === 0) return undefined;
  try {
    return Temporal.PlainDateTime.from({ year, month, day, hour, minute, second }, { overflow: 'reject' })
      .toZonedDateTime('UTC')
      .toInstant();
  } catch {
    return undefined;
  }
};
