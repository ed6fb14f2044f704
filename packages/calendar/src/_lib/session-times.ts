import { Temporal, instantOf, type LocalTime } from '@meridian/domain';
import { localDateTime, utcDateTime } from './ical-values.ts';

/** A stored wall time, with the instant it names and whether it must be written in UTC. */
export interface WrittenTime {
  readonly wall: Temporal.PlainDateTime;
  readonly instant: Temporal.Instant;
  /**
   * true when the wall time does not name exactly one instant: inside a fold, where under a TZID
   * both 02:30 read the same (parsers take one of them), or inside a gap, which only a change of
   * tz rules under a stored time can bring. UTC is the only unambiguous way to write those.
   */
  readonly inUtc: boolean;
}

/**
 * How a session's start or end goes into DTSTART/DTEND.
 *
 * @example
 * writtenTime({ local: '2026-10-25T02:30', disambiguation: 'earlier' }, 'Europe/Zurich').inUtc //=> true
 */
export const writtenTime = (time: LocalTime, timeZone: string): WrittenTime => {
  const wall = Temporal.PlainDateTime.from(time.local);
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
  return { wall, instant: instantOf(time, timeZone), inUtc: earlier.offsetNanoseconds !== later.offsetNanoseconds };
};

/**
 * The whole DTSTART/DTEND line: `DTSTART;TZID=Europe/Zurich:20251126T092000` or, for a time that
 * must be written in UTC, `DTSTART:20261025T003000Z`.
 *
 * @example
 * dateTimeLine('DTEND', writtenTime({ local: '2025-11-26T11:00', disambiguation: null }, 'Europe/Zurich'), 'Europe/Zurich')
 * //=> 'DTEND;TZID=Europe/Zurich:20251126T110000'
 */
export const dateTimeLine = (name: 'DTSTART' | 'DTEND', time: WrittenTime, timeZone: string): string =>
  time.inUtc ? `${name}:${utcDateTime(time.instant)}` : `${name};TZID=${timeZone}:${localDateTime(time.wall)}`;
