import type { IdMap } from '../_lib/id-map.ts';
import { sameInstantIn, type LocalTime } from '../time/local-time.ts';
import type { SessionChange } from './release-changes.ts';
import type { ReleasedSession, Session } from './types.ts';

/** What a release stamps on the sessions it changed. */
export interface ReleaseStamp {
  readonly version: number;
  readonly changedAt: string;
  /**
   * The meeting's zone when the previous release was made, if it has changed since: the wall times
   * that release showed are in that zone, and every session must be shown in the new one.
   */
  readonly previousZone: string | null;
  readonly zone: string;
}

/**
 * The sessions a release shows, in the draft's order: each session the release changed as the
 * draft has it now, and every other one as the previous release showed it. A session neither
 * changed nor released before is a draft never published (e.g. added and cancelled between two
 * releases): participants never saw it, so it stays out.
 *
 * Made from the previous snapshot and the changes alone, in time proportional to the changes: a
 * replay folds every release of every meeting, and most releases change a few sessions of many.
 * The previous snapshot stays as it was: an older IdMap version, it answers through the changes
 * made since (a few per release), while the newest release, the one commands and feeds read most,
 * answers at once. Only when a session published late belongs before one released earlier (added
 * and cancelled before a release, restored after it) is the snapshot rebuilt from the whole draft,
 * to keep the draft's order; and after a change of the meeting's zone, whose wall times every
 * session shows anew.
 *
 * @example
 * releasedSessions(draft, releases.at(-1).sessions, [{ sessionId: 's9', sequence: 0, … }], stamp).get('s9').changedInVersion //=> stamp.version
 */
export const releasedSessions = (
  draft: IdMap<Session>,
  previous: IdMap<ReleasedSession>,
  changes: readonly SessionChange[],
  stamp: ReleaseStamp,
): IdMap<ReleasedSession> => {
  // A change of a session the draft does not hold has nothing to show; a session changed twice
  // shows the later change (the sort is stable).
  const changed = changes
    .map((change) => ({ index: draft.indexOf(change.sessionId), change }))
    .filter((change) => change.index >= 0)
    .sort((a, b) => a.index - b.index);
  const lastReleasedIndex = previous.size === 0 ? -1 : draft.indexOf(previous.at(-1)!.id);
  const publishedLate = changed.some(({ index }) => index < lastReleasedIndex && !previous.has(draft.at(index)!.id));
  if (publishedLate || stamp.previousZone !== null) return rebuiltFromDraft(draft, previous, changed, stamp);
  let sessions = previous;
  for (const { index, change } of changed) sessions = sessions.with(releasedSession(draft.at(index)!, change, stamp));
  return sessions;
};

const rebuiltFromDraft = (
  draft: IdMap<Session>,
  previous: IdMap<ReleasedSession>,
  changed: readonly { index: number; change: SessionChange }[],
  stamp: ReleaseStamp,
): IdMap<ReleasedSession> => {
  const changes = new Map(changed.map(({ index, change }) => [draft.at(index)!.id, change]));
  return draft.map((session) => {
    const change = changes.get(session.id);
    if (change !== undefined) return releasedSession(session, change, stamp);
    const shown = previous.get(session.id);
    return shown === undefined || stamp.previousZone === null ? shown : inNewZone(shown, session, stamp.previousZone, stamp.zone);
  });
};

/**
 * A session the release did not change, shown as before at the same instants, in the new zone's
 * wall times. A scheduled one has them in the draft: keep-instants rewrote its wall times, and
 * keep-wall-times would have moved it, a change. A cancelled one is only in the draft as it would
 * be restored: keep-wall-times leaves its wall times as they were, at other instants in the new
 * zone, so its instants are carried over here: participants saw it cancelled at those, and a
 * calendar event that moved without a change (no SEQUENCE) is one clients disagree on.
 */
const inNewZone = (shown: ReleasedSession, draft: Session, previousZone: string, zone: string): ReleasedSession =>
  shown.status === 'scheduled'
    ? retimed(shown, draft.start, draft.end)
    : retimed(shown, sameInstantIn(shown.start, previousZone, zone), sameInstantIn(shown.end, previousZone, zone));

// Field by field, as `releasedSession` below: the same hidden class as every released session.
const retimed = (shown: ReleasedSession, start: LocalTime, end: LocalTime): ReleasedSession => ({
  id: shown.id,
  title: shown.title,
  kind: shown.kind,
  track: shown.track,
  start,
  end,
  description: shown.description,
  speakers: shown.speakers,
  status: shown.status,
  addedAt: shown.addedAt,
  sequence: shown.sequence,
  changedInVersion: shown.changedInVersion,
  changedAt: shown.changedAt,
});

// Field by field, in the order of a session's fields: a spread of the session plus three fields
// gave every released session a hidden class of its own (measured: one map and one descriptor
// array per released session, 15% of a replay's heap, and megamorphic reads in read models).
// The times are the change's: the draft's, but for a session cancelled, shown where participants
// saw it (see `diffDraft`).
const releasedSession = (session: Session, change: Pick<SessionChange, 'sequence' | 'times'>, stamp: ReleaseStamp): ReleasedSession => ({
  id: session.id,
  title: session.title,
  kind: session.kind,
  track: session.track,
  start: change.times.start,
  end: change.times.end,
  description: session.description,
  speakers: session.speakers,
  status: session.status,
  addedAt: session.addedAt,
  sequence: change.sequence,
  changedInVersion: stamp.version,
  changedAt: stamp.changedAt,
});
