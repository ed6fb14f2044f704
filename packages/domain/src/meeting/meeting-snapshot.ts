import { IdMap } from '../_lib/id-map.ts';
import type { ExistingMeeting, Release, ReleasedSession, Session } from './types.ts';

/**
 * A meeting as JSON holds it: the same fields, its maps of sessions as arrays in their order. In a
 * release, a session shown as the release before showed it is written as its id alone: most
 * releases change a few sessions of many, and a snapshot of long histories would otherwise hold
 * every session once per release.
 */
export type MeetingSnapshot = Omit<ExistingMeeting, 'sessions' | 'releases'> &
  Readonly<{
    sessions: readonly Session[];
    releases: readonly (Omit<Release, 'sessions'> & Readonly<{ sessions: readonly (ReleasedSession | string)[] }>)[];
  }>;

/**
 * A meeting's state as plain data, for a read model's snapshot: `meetingFromSnapshot` of it (also
 * after a JSON round trip) folds on as the meeting itself would.
 *
 * @example
 * meetingFromSnapshot(JSON.parse(JSON.stringify(meetingSnapshot(meeting)))).sessions.get('opening') //=> the opening, as in `meeting`
 */
export const meetingSnapshot = (meeting: ExistingMeeting): MeetingSnapshot => ({
  ...meeting,
  sessions: [...meeting.sessions.values()],
  releases: meeting.releases.map((release, index) => {
    const previous = meeting.releases[index - 1]?.sessions;
    // unchanged sessions are the previous release's own objects (see `releasedSessions`)
    return { ...release, sessions: [...release.sessions.values()].map((session) => (previous?.get(session.id) === session ? session.id : session)) };
  }),
});

/** The meeting a {@link meetingSnapshot} was taken of; its releases share unchanged sessions again. */
export const meetingFromSnapshot = (snapshot: MeetingSnapshot): ExistingMeeting => {
  let previous = IdMap.empty<ReleasedSession>();
  return {
    ...snapshot,
    sessions: IdMap.of(snapshot.sessions),
    releases: snapshot.releases.map((release) => {
      const shown = previous;
      previous = IdMap.of(release.sessions.map((session) => (typeof session === 'string' ? shownBefore(shown, session) : session)));
      return { ...release, sessions: previous };
    }),
  };
};

const shownBefore = (previous: IdMap<ReleasedSession>, sessionId: string): ReleasedSession => {
  const session = previous.get(sessionId);
  if (session === undefined) throw new Error(`the snapshot refers to session ${sessionId}, which the release before did not show`);
  return session;
};
