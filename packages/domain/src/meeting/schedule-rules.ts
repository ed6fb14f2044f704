import type { Temporal } from '../time/temporal.ts';
import { instantOf, resolveLocalTime, type LocalTime } from '../time/local-time.ts';
import { instantText } from '../time/instant-text.ts';
import { BoundedMemo } from '../_lib/bounded-memo.ts';
import { EndNotAfterStartError, SessionsOverlapError } from '../errors.ts';
import type { ExistingMeeting, Session } from './types.ts';

/** A session's place in time, as the schedule rules compare it. */
export type Slot = Readonly<{
  sessionId: string;
  track: string | null;
  start: Temporal.Instant;
  end: Temporal.Instant;
}>;

/** A wall time resolved in a zone: as it is to be stored, and its instant. */
interface ResolvedTime {
  readonly time: LocalTime;
  readonly instant: Temporal.Instant;
}

/**
 * What is known of a wall time in one zone: its instant, its resolution if it has no gap nor
 * unresolved fold there, and the instant's text once an answer has shown it.
 */
interface Known {
  readonly instant: Temporal.Instant;
  readonly resolved?: ResolvedTime;
  text?: string;
}

/**
 * What is known of each wall-time object, per zone. States and events are immutable and a process
 * loads its tz rules once, so an object means the same in a zone for as long as it lives; without
 * this, every command would parse again every session of its meeting (the overlap check) and the
 * times it keeps. Per zone, because one wall-time object may be shared by meetings of several
 * zones. A time a command resolves is known from then on, also under the object its event
 * carries. Weak: a time no state holds any more leaves with its entries. Refusals are not kept.
 */
const known = new WeakMap<LocalTime, Map<string, Known>>();

const remember = (time: LocalTime, timeZone: string, entry: Known): void => {
  const zones = known.get(time);
  if (zones === undefined) known.set(time, new Map([[timeZone, entry]]));
  else zones.set(timeZone, entry);
};

/**
 * The instant of a stored wall time under the zone's rules, as `instantOf` gives it (never fails),
 * parsed once per time object and zone.
 *
 * @example
 * storedInstantOf(session.start, 'Europe/Zurich').toString() //=> '2025-11-26T08:20:00Z'
 */
export const storedInstantOf = (time: LocalTime, timeZone: string): Temporal.Instant => knownOf(time, timeZone).instant;

/**
 * `storedInstantOf(time, timeZone).toString()`, written once per time object and zone: every
 * answer that shows a session shows its two instants, and a command's answer shows times its
 * decision has just resolved.
 *
 * @example
 * storedInstantTextOf(session.start, 'Europe/Zurich') //=> '2025-11-26T08:20:00Z'
 */
export const storedInstantTextOf = (time: LocalTime, timeZone: string): string => {
  const entry = knownOf(time, timeZone);
  entry.text ??= instantText(entry.instant);
  return entry.text;
};

const knownOf = (time: LocalTime, timeZone: string): Known => {
  const entry = known.get(time)?.get(timeZone);
  if (entry !== undefined) return entry;
  const parsed = { instant: instantOf(time, timeZone) };
  remember(time, timeZone, parsed);
  return parsed;
};

/**
 * Wall times resolved lately, by zone and text. A request brings objects of its own, unknown to
 * `known`, but organisers send the same times again (a form that sends every field, a session
 * moved back and forth): each is parsed once while it stays among the latest. Bounded, since its
 * keys come from requests.
 */
const resolvedByText = new BoundedMemo<string, ResolvedTime>(4096);

/**
 * `resolveLocalTime` of a wall time with its own disambiguation: once per time object and zone,
 * and, for a time sent again in an object of its own, once per zone and text while it stays among
 * the latest (`resolvedByText`).
 */
const resolveWallTime = (field: string, time: LocalTime, timeZone: string): ResolvedTime => {
  const entry = known.get(time)?.get(timeZone);
  if (entry?.resolved !== undefined) return entry.resolved;
  const key = `${timeZone} ${time.local} ${time.disambiguation}`;
  return resolvedByText.get(key) ?? resolvedByText.set(key, resolveAnew(field, time, timeZone));
};

const resolveAnew = (field: string, time: LocalTime, timeZone: string): ResolvedTime => {
  const { zoned, time: normalised } = resolveLocalTime(field, time.local, timeZone, time.disambiguation);
  // Resolved without a guess, the instant is the one `instantOf` gives too (same side of a fold),
  // and the normalised time resolves to itself.
  const resolved = { time: normalised, instant: zoned.toInstant() };
  remember(time, timeZone, { instant: resolved.instant, resolved });
  remember(normalised, timeZone, { instant: resolved.instant, resolved });
  return resolved;
};

/**
 * Resolves a start and end, each a wall time in the meeting zone with its disambiguation (as the
 * organiser wrote it, or as stored when kept), refusing gaps and unresolved folds, and an end that
 * is not after the start (compared as instants: across a fold, 01:45 may come after 01:30 only on
 * the wall clock).
 *
 * @example
 * resolveTimes({ local: '2025-11-26T09:20', disambiguation: null }, session.end, 'Europe/Zurich').startInstant.toString()
 * //=> '2025-11-26T08:20:00Z'
 */
export const resolveTimes = (
  start: LocalTime,
  end: LocalTime,
  timeZone: string,
): { start: LocalTime; end: LocalTime; startInstant: Temporal.Instant; endInstant: Temporal.Instant } => {
  const resolvedStart = resolveWallTime('start', start, timeZone);
  const resolvedEnd = resolveWallTime('end', end, timeZone);
  if (resolvedEnd.instant.epochNanoseconds <= resolvedStart.instant.epochNanoseconds) {
    throw new EndNotAfterStartError(resolvedStart.time.local, resolvedEnd.time.local);
  }
  return { start: resolvedStart.time, end: resolvedEnd.time, startInstant: resolvedStart.instant, endInstant: resolvedEnd.instant };
};

/**
 * Refuses a slot that overlaps another scheduled session of the same track (null = main track).
 * Intervals are half-open: a session may start when the previous one ends.
 */
export const assertNoOverlap = (meeting: ExistingMeeting, slot: Slot, timeZone = meeting.details.timeZone): void => {
  for (const other of meeting.sessions.values()) {
    if (other.id === slot.sessionId || other.status === 'cancelled' || other.track !== slot.track) continue;
    if (
      slot.start.epochNanoseconds < storedInstantOf(other.end, timeZone).epochNanoseconds &&
      storedInstantOf(other.start, timeZone).epochNanoseconds < slot.end.epochNanoseconds
    ) {
      throw new SessionsOverlapError(slot.sessionId, other, slot.track);
    }
  }
};

/** The slot a stored session occupies under the given zone's rules. */
export const slotOf = (session: Session, timeZone: string): Slot => ({
  sessionId: session.id,
  track: session.track,
  start: storedInstantOf(session.start, timeZone),
  end: storedInstantOf(session.end, timeZone),
});
