import { IdMap } from '../_lib/id-map.ts';
import type { ExistingMeeting, Release, ReleasedSession, Session } from './types.ts';

/** A meeting as JSON holds it: the same fields, its maps of sessions as arrays in their order. */
export type MeetingSnapshot = Omit<ExistingMeeting, 'sessions' | 'releases'> &
  Readonly<{
    sessions: readonly Session[];
    releases: readonly (Omit<Release, 'sessions'> & Readonly<{ sessions: readonly ReleasedSession[] }>)[];
  }>;

/**
 * A meeting's state as plain data, for a read model's snapshot: `meetingFromSnapshot` of it (also
 * after a JSON round trip) folds on as the meeting itself would. Releases' unchanged sessions,
 * shared in memory, are written out in each release.
 *
 * @example
 * meetingFromSnapshot(JSON.parse(JSON.stringify(meetingSnapshot(meeting)))).sessions.get('opening') //=> the opening, as in `meeting`
 */
export const meetingSnapshot = (meeting: ExistingMeeting): MeetingSnapshot => ({
  ...meeting,
  sessions: [...meeting.sessions.values()],
  releases: meeting.releases.map((release) => ({ ...release, sessions: [...release.sessions.values()] })),
});

/** The meeting a {@link meetingSnapshot} was taken of. */
export const meetingFromSnapshot = (snapshot: MeetingSnapshot): ExistingMeeting => ({
  ...snapshot,
  sessions: IdMap.of(snapshot.sessions),
  releases: snapshot.releases.map((release) => ({ ...release, sessions: IdMap.of(release.sessions) })),
});
