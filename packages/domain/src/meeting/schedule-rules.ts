import type { Temporal } from '../time/temporal.ts';
import { instantOf, resolveLocalTime, type Disambiguation, type LocalTime } from '../time/local-time.ts';
import { EndNotAfterStartError, SessionsOverlapError } from '../errors.ts';
import type { ExistingMeeting, Session } from './types.ts';

/** A session's place in time, as the schedule rules compare it. */
export type Slot = Readonly<{
  sessionId: string;
  track: string | null;
  start: Temporal.Instant;
  end: Temporal.Instant;
}>;

/**
 * Resolves a start and end written as wall times in the meeting zone, refusing gaps and unresolved
 * folds, and an end that is not after the start (compared as instants: across a fold, 01:45 may
 * come after 01:30 only on the wall clock).
 */
export const resolveTimes = (
  start: string,
  end: string,
  timeZone: string,
  disambiguation: { start: Disambiguation | null; end: Disambiguation | null },
): { start: LocalTime; end: LocalTime; startInstant: Temporal.Instant; endInstant: Temporal.Instant } => {
  const resolvedStart = resolveLocalTime('start', start, timeZone, disambiguation.start);
  const resolvedEnd = resolveLocalTime('end', end, timeZone, disambiguation.end);
  const startInstant = resolvedStart.zoned.toInstant();
  const endInstant = resolvedEnd.zoned.toInstant();
  if (endInstant.epochNanoseconds <= startInstant.epochNanoseconds) {
    throw new EndNotAfterStartError(resolvedStart.time.local, resolvedEnd.time.local);
  }
  return { start: resolvedStart.time, end: resolvedEnd.time, startInstant, endInstant };
};

/**
 * Refuses a slot that overlaps another scheduled session of the same track (null = main track).
 * Intervals are half-open: a session may start when the previous one ends.
 */
export const assertNoOverlap = (meeting: ExistingMeeting, slot: Slot, timeZone = meeting.details.timeZone): void => {
  for (const other of meeting.sessions.values()) {
    if (other.id === slot.sessionId || other.status === 'cancelled' || other.track !== slot.track) continue;
    const otherStart = instantOf(other.start, timeZone);
    const otherEnd = instantOf(other.end, timeZone);
    if (
      slot.start.epochNanoseconds < otherEnd.epochNanoseconds &&
      otherStart.epochNanoseconds < slot.end.epochNanoseconds
    ) {
      throw new SessionsOverlapError(slot.sessionId, other.id, other.title, slot.track);
    }
  }
};

/** The slot a stored session occupies under the given zone's rules. */
export const slotOf = (session: Session, timeZone: string): Slot => ({
  sessionId: session.id,
  track: session.track,
  start: instantOf(session.start, timeZone),
  end: instantOf(session.end, timeZone),
});
