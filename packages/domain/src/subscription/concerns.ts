import type { ReleaseChanges } from '../meeting/release-changes.ts';

/** What decides whether a release concerns a subscriber. */
export type Interest = Readonly<{ sessionIds: readonly string[] | null }>;

/**
 * The part of a release's changes that concerns a subscriber: meeting-wide changes concern
 * everyone; session changes only those who follow that session (or all sessions). Null when
 * nothing concerns them, so they get no notice.
 *
 * @example
 * changesConcerning(changes, { sessionIds: ['s2'] }) //=> null when only s1 moved
 */
export const changesConcerning = (changes: ReleaseChanges, interest: Interest): ReleaseChanges | null => {
  const followed = interest.sessionIds === null ? null : new Set(interest.sessionIds);
  const sessions = followed === null ? changes.sessions : changes.sessions.filter((change) => followed.has(change.sessionId));
  const meetingWide = changes.published || changes.meetingCancelled || changes.meeting.length > 0;
  if (!meetingWide && sessions.length === 0) return null;
  return { ...changes, sessions };
};
