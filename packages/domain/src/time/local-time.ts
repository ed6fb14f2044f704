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

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

/**
 * Parses a local date-time written without offset or zone.
 *
 * @example
 * parseLocalDateTime('start', '2025-11-26T09:20').hour //=> 9
 */
export const parseLocalDateTime = (field: string, value: string): Temporal.PlainDateTime => {
  if (!LOCAL_DATE_TIME.test(value)) throw new InvalidLocalTimeError(field, value);
  try {
    return Temporal.PlainDateTime.from(value, { overflow: 'reject' });
  } catch {
    throw new InvalidLocalTimeError(field, value);
  }
};

/** ISO text of a wall time as the API writes it: minutes, and seconds only when set (`2025-11-26T09:20`). */
export const formatWallTime = (dateTime: Temporal.PlainDateTime): string =>
  dateTime.toString({ smallestUnit: dateTime.second === 0 ? 'minute' : 'second' });

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
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
  if (earlier.offsetNanoseconds === later.offsetNanoseconds) {
    return { zoned: earlier, time: { local: formatWallTime(wall), disambiguation: null } };
  }
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
  Temporal.PlainDateTime.from(time.local).toZonedDateTime(timeZone, {
    disambiguation: time.disambiguation ?? 'compatible',
  });

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
