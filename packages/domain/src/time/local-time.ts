import { Temporal } from './temporal.ts';
import {
  AmbiguousLocalTimeError,
  InvalidLocalTimeError,
  NonexistentLocalTimeError,
  type AmbiguityOption,
} from '../errors.ts';

/** How an organiser resolved a wall time that happens twice; stored with the time it resolved. */
export type Disambiguation = 'earlier' | 'later';

/** A wall-clock time in the meeting's zone, as organisers write it and as it is stored. */
export interface LocalTime {
  /** `YYYY-MM-DDTHH:mm` (seconds allowed, no offset) */
  readonly local: string;
  /** set only when `local` falls in a fold of the zone it was resolved in */
  readonly disambiguation: Disambiguation | null;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The wall time of text that matches LOCAL_DATE_TIME, or null if no such date or time exists.
 * Built from the matched fields: the polyfill's string parser costs several times more, and
 * resolving the organiser's times is on every command's path. Answers as
 * `PlainDateTime.from(text, { overflow: 'reject' })` does: a leap second reads as :59, as the
 * string parser reads it; any other field out of range (Feb 30, 24:00) is refused.
 */
const wallTimeOf = (match: RegExpExecArray): Temporal.PlainDateTime | null => {
  const [, year, month, day, hour, minute, second = '0'] = match;
  try {
    return new Temporal.PlainDateTime(+year!, +month!, +day!, +hour!, +minute!, second === '60' ? 59 : +second);
  } catch {
    return null;
  }
};

/**
 * The years a session may be in: wide enough for archives and long plans, and narrow enough that
 * its instants, and its wall times in every viewer's zone, are written with four digits, as
 * RFC 3339 and the API's schemas want them (9999-12-31T23:00 in Geneva is +010000-01-01 in Kiritimati).
 */
export const SESSION_YEARS = { first: 1900, last: 2999 } as const;

/**
 * Parses a local date-time written without offset or zone, in one of the `SESSION_YEARS`.
 *
 * @example
 * parseLocalDateTime('start', '2025-11-26T09:20').hour //=> 9
 * parseLocalDateTime('start', '0025-11-26T09:20') //=> throws InvalidLocalTimeError (a typo for 2025)
 */
export const parseLocalDateTime = (field: string, value: string): Temporal.PlainDateTime => {
  const match = LOCAL_DATE_TIME.exec(value);
  const wall = match === null ? null : wallTimeOf(match);
  if (wall === null) throw new InvalidLocalTimeError(field, value);
  if (wall.year < SESSION_YEARS.first || wall.year > SESSION_YEARS.last) {
    throw new InvalidLocalTimeError(field, value, `is not in the years ${SESSION_YEARS.first} to ${SESSION_YEARS.last}`);
  }
  return wall;
};

/**
 * ISO text of a wall time as the API writes it: minutes, and seconds only when set, anything finer
 * cut off, as `toString({ smallestUnit })` cuts it (`2025-11-26T09:20`). Written from the fields:
 * the polyfill's `toString` costs several times more, and every command writes the times it
 * resolves. Years outside 0000–9999, written ±YYYYYY, are left to `toString`.
 *
 * @example
 * formatWallTime(Temporal.PlainDateTime.from('2025-11-26T09:20:00.5')) //=> '2025-11-26T09:20'
 */
export const formatWallTime = (dateTime: Temporal.PlainDateTime): string => {
  const { year, month, day, hour, minute, second } = dateTime;
  if (year < 0 || year > 9999) return dateTime.toString({ smallestUnit: second === 0 ? 'minute' : 'second' });
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return `${date}T${pad(hour, 2)}:${pad(minute, 2)}${second === 0 ? '' : `:${pad(second, 2)}`}`;
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Resolves a wall time in a zone to one instant, refusing every guess: a time in a spring-forward
 * gap fails with the nearest valid times, a time in a fall-back fold fails unless `disambiguation`
 * says which of the two is meant.
 *
 * @example
 * resolveLocalTime('start', '2025-11-26T09:20', 'Europe/Zurich').toInstant().toString()
 * //=> '2025-11-26T08:20:00Z'
 */
export const resolveLocalTime = (
  field: string,
  value: string,
  timeZone: string,
  disambiguation: Disambiguation | null = null,
): { zoned: Temporal.ZonedDateTime; time: LocalTime } => {
  const wall = parseLocalDateTime(field, value);
  const unique = uniqueZoned(wall, timeZone);
  if (unique !== null) return { zoned: unique, time: { local: formatWallTime(wall), disambiguation: null } };
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
  // Temporal answers "earlier"/"later" in a gap too, by shifting the wall time: a gap is told
  // from a fold by whether the wall time survived the round trip.
  if (!earlier.toPlainDateTime().equals(wall)) {
    const transition = earlier.getTimeZoneTransition('next');
    if (transition === null) throw new Error(`no transition after ${earlier.toString()}`);
    const before = transition.subtract({ minutes: 1 }).toPlainDateTime();
    throw new NonexistentLocalTimeError(
      field,
      formatWallTime(wall),
      timeZone,
      formatWallTime(before),
      formatWallTime(transition.toPlainDateTime()),
    );
  }
  if (disambiguation === null) {
    throw new AmbiguousLocalTimeError(field, formatWallTime(wall), timeZone, [
      ambiguityOption('earlier', earlier),
      ambiguityOption('later', later),
    ]);
  }
  return {
    zoned: disambiguation === 'earlier' ? earlier : later,
    time: { local: formatWallTime(wall), disambiguation },
  };
};

/**
 * The one instant of a wall time in a zone, or null when it has none (a gap) or two (a fold): one
 * zone lookup where asking for the earlier and the later instant takes two, and most wall times
 * have exactly one instant.
 */
const uniqueZoned = (wall: Temporal.PlainDateTime, timeZone: string): Temporal.ZonedDateTime | null => {
  try {
    return wall.toZonedDateTime(timeZone, { disambiguation: 'reject' });
  } catch {
    return null;
  }
};

const ambiguityOption = (disambiguation: Disambiguation, zoned: Temporal.ZonedDateTime): AmbiguityOption => ({
  disambiguation,
  instant: zoned.toInstant().toString(),
  offset: zoned.offset,
});

/**
 * The instant of a stored wall time under the tz rules in force now. Never fails: if new rules put
 * a stored time in a gap, it moves forward as clocks do ("compatible"), and a stored
 * disambiguation keeps choosing the same side of a fold.
 *
 * @example
 * instantOf({ local: '2025-11-26T09:20', disambiguation: null }, 'Europe/Zurich').toString()
 * //=> '2025-11-26T08:20:00Z'
 */
export const instantOf = (time: LocalTime, timeZone: string): Temporal.Instant =>
  zonedOf(time, timeZone).toInstant();

/** The zoned date-time of a stored wall time (see `instantOf`). */
export const zonedOf = (time: LocalTime, timeZone: string): Temporal.ZonedDateTime =>
  storedWallTime(time.local).toZonedDateTime(timeZone, {
    disambiguation: time.disambiguation ?? 'compatible',
  });

// Stored times are written by `formatWallTime`, so they take the fast parse; only a wall time moved
// into a five- or six-digit year by a change of zone is left to the string parser.
const storedWallTime = (local: string): Temporal.PlainDateTime => {
  const match = LOCAL_DATE_TIME.exec(local);
  return (match === null ? null : wallTimeOf(match)) ?? Temporal.PlainDateTime.from(local);
};

/**
 * The wall time of an instant in a zone, with the disambiguation that names it again when that
 * wall time occurs twice (used when a meeting changes zone and keeps its instants).
 *
 * @example
 * localTimeAt(Temporal.Instant.from('2026-10-25T00:30:00Z'), 'Europe/Zurich')
 * //=> { local: '2026-10-25T02:30', disambiguation: 'earlier' }
 */
export const localTimeAt = (instant: Temporal.Instant, timeZone: string): LocalTime => {
  const zoned = instant.toZonedDateTimeISO(timeZone);
  const wall = zoned.toPlainDateTime();
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
  const folded = earlier.offsetNanoseconds !== later.offsetNanoseconds && earlier.toPlainDateTime().equals(wall);
  const disambiguation = !folded ? null : earlier.toInstant().equals(instant) ? 'earlier' : 'later';
  return { local: formatWallTime(wall), disambiguation };
};

/**
 * The wall time in `to` of the instant a stored wall time names in `from` (the same time when the
 * zones are one): where a session participants saw in one zone is, in another.
 *
 * @example
 * sameInstantIn({ local: '2026-03-08T02:30', disambiguation: null }, 'Europe/Zurich', 'America/New_York')
 * //=> { local: '2026-03-07T20:30', disambiguation: null }
 */
export const sameInstantIn = (time: LocalTime, from: string, to: string): LocalTime => (from === to ? time : localTimeAt(instantOf(time, from), to));
