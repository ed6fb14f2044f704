import { Temporal } from '@meridian/domain';

/**
 * iCalendar value formats (RFC 5545 §3.3) for what this package writes itself, next to or instead
 * of ical-generator.
 */

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** A DATE-TIME in local form, no zone: `20251126T092000`. */
export const localDateTime = (wall: Temporal.PlainDateTime): string =>
  `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}T${pad(wall.hour)}${pad(wall.minute)}${pad(wall.second)}`;

/** A DATE-TIME in UTC: `20251126T082000Z`. */
export const utcDateTime = (instant: Temporal.Instant): string =>
  `${localDateTime(instant.toZonedDateTimeISO('UTC').toPlainDateTime())}Z`;

/** A UTC-OFFSET: `+0545`, `-0300`, and seconds only when there are some (`+003408`, old LMT). */
export const utcOffset = (offsetNanoseconds: number): string => {
  const totalSeconds = Math.abs(offsetNanoseconds) / 1e9;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.floor(totalSeconds % 60);
  return `${offsetNanoseconds < 0 ? '-' : '+'}${pad(hours)}${pad(minutes)}${seconds === 0 ? '' : pad(seconds)}`;
};

/** TEXT (§3.3.11): backslash, semicolon, comma and line breaks escaped. */
export const text = (value: string): string =>
  value.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');

/**
 * Text for a parameter value (§3.2): it cannot hold a DQUOTE nor escape one (a backslash is no
 * escape there, whatever ical-generator writes), so a double quote becomes a single one, and line
 * breaks become spaces.
 */
export const parameterText = (value: string): string => value.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');

/** A quoted parameter value: `"Online (MS Teams)"`. */
export const quotedParameter = (value: string): string => `"${parameterText(value)}"`;

/**
 * A URI value (§3.3.13), never escaped (ical-generator escapes `,` and `;` in its URLs, which breaks
 * them). The WHATWG serialisation also guarantees that no line break in stored text can end the
 * property and start another.
 */
export const uri = (value: string): string => new URL(value).href;
