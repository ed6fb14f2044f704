import { Temporal } from '@meridian/domain';

/** A change of a zone's UTC offset (daylight saving time starting or ending, or a rule change). */
export interface ClockChange {
  readonly zone: string;
  /** the first instant of the new offset */
  readonly instant: Temporal.Instant;
  readonly offsetBefore: string;
  readonly offsetAfter: string;
}

/** Past this many, a reader learns nothing more from the list. */
const LIMIT = 4;

/**
 * The offset changes of a zone after `from` and no later than `until`, from the runtime's tz rules
 * (Temporal's `getTimeZoneTransition`), at most four.
 *
 * @example
 * clockChanges('America/New_York', Temporal.Instant.from('2025-11-01T09:00:00Z'), Temporal.Instant.from('2025-11-26T16:00:00Z'))
 * //=> [{ zone: 'America/New_York', instant: 2025-11-02T06:00:00Z, offsetBefore: '-04:00', offsetAfter: '-05:00' }]
 */
export const clockChanges = (zone: string, from: Temporal.Instant, until: Temporal.Instant): ClockChange[] => {
  const changes: ClockChange[] = [];
  let cursor: Temporal.ZonedDateTime | null = from.toZonedDateTimeISO(zone);
  while (changes.length < LIMIT) {
    cursor = cursor.getTimeZoneTransition('next');
    if (cursor === null || Temporal.Instant.compare(cursor.toInstant(), until) > 0) break;
    changes.push({
      zone,
      instant: cursor.toInstant(),
      offsetBefore: cursor.subtract({ nanoseconds: 1 }).offset.slice(0, 6),
      offsetAfter: cursor.offset,
    });
  }
  return changes;
};
