import { Temporal, instantOf, type Release } from '@meridian/domain';

// Feeds ask on every request; the answer's only input from the release is its last end, which
// a release (immutable) fixes once. Keyed by the release object, so it goes when the release does.
const lastEnds = new WeakMap<Release, Temporal.Instant | null>();

/**
 * The instant the last session of a release ends (cancelled ones included), null when it has none.
 *
 * @example
 * meetingEndsAt(referenceRelease)?.toString() //=> '2025-11-26T16:00:00Z'
 */
export const meetingEndsAt = (release: Release): Temporal.Instant | null => {
  if (lastEnds.has(release)) return lastEnds.get(release)!;
  const zone = release.details.timeZone;
  let last: Temporal.Instant | null = null;
  for (const session of release.sessions.values()) {
    const end = instantOf(session.end, zone);
    if (last === null || Temporal.Instant.compare(end, last) > 0) last = end;
  }
  lastEnds.set(release, last);
  return last;
};

/**
 * Whether every session of a release (cancelled ones included) has ended by `now`: from then on
 * the feed drops its cancelled sessions, so its bytes change once, at that moment.
 *
 * @example
 * meetingIsOver(referenceRelease, Temporal.Instant.from('2025-11-26T16:00:01Z')) //=> true
 */
export const meetingIsOver = (release: Release, now: Temporal.Instant): boolean => {
  const last = meetingEndsAt(release);
  return last === null || Temporal.Instant.compare(last, now) < 0;
};
