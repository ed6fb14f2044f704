import { instantOf, sameInstantIn } from '../time/local-time.ts';
import type { ExistingMeeting, ReleasedSession, Session } from './types.ts';
import { MEETING_FIELDS_ON_SESSIONS, type MeetingField, type ReleaseChanges, type SessionChange, type SessionField, type SessionTimes } from './release-changes.ts';

const MEETING_FIELDS: readonly MeetingField[] = ['title', 'description', 'location', 'timeZone', 'documents'];
const SESSION_FIELDS = ['title', 'kind', 'description', 'speakers', 'track'] as const satisfies readonly SessionField[];

/**
 * Every change a participant can see between the last release and the draft: the diff the next
 * release would carry (DESIGN.md, Releases). Pure; the draft's instants are computed with the
 * tz rules in force.
 *
 * @example
 * diffDraft(meetingWithOneNewSession).sessions //=> [{ kind: 'added', sequence: 0, … }]
 */
export const diffDraft = (meeting: ExistingMeeting): ReleaseChanges => {
  const last = meeting.releases.at(-1);
  const changedMeeting = last === undefined ? [] : MEETING_FIELDS.filter((field) => !sameValue(meeting.details[field], last.details[field]));
  const changedOnEverySession = MEETING_FIELDS_ON_SESSIONS.filter((field) => changedMeeting.includes(field));
  const sessions: SessionChange[] = [];
  for (const session of meeting.sessions.values()) {
    const change = diffSession(session, last?.sessions.get(session.id), meeting.details.timeZone, last?.details.timeZone, changedOnEverySession);
    if (change !== null) sessions.push(change);
  }
  return {
    published: last === undefined,
    meetingCancelled: meeting.status === 'cancelled' && last?.cancelled !== true,
    meeting: changedMeeting,
    sessions,
  };
};

const diffSession = (
  session: Session,
  released: ReleasedSession | undefined,
  timeZone: string,
  releasedTimeZone: string | undefined,
  changedOnEverySession: readonly SessionField[],
): SessionChange | null => {
  const times = timesOf(session, timeZone);
  if (released === undefined || releasedTimeZone === undefined) {
    // Never published: a session cancelled before anyone saw it is no news.
    return session.status === 'cancelled' ? null : change('added', session, 0, [], times, null);
  }
  // Cancelled when last released and still: participants were told, and a zone or location
  // change since (nothing else can touch it) is no news; its released snapshot stays as it was.
  if (session.status === 'cancelled' && released.status === 'cancelled') return null;
  const previous = timesOf(released, releasedTimeZone);
  const moved = times.startInstant !== previous.startInstant || times.endInstant !== previous.endInstant;
  const fields: SessionField[] = [...SESSION_FIELDS.filter((field) => !sameValue(seenOf(field, session), seenOf(field, released))), ...changedOnEverySession];
  const sequence = released.sequence + 1;
  // Cancelled where participants saw it, in the meeting's zone now: a time the draft gave it since
  // (a move, or a change of zone keeping wall times, which leaves a cancelled session's wall times
  // unchecked, maybe in a gap) was never theirs.
  if (session.status === 'cancelled') return change('cancelled', session, sequence, fields, seenIn(released, releasedTimeZone, timeZone, previous), null);
  if (session.status !== released.status) return change('restored', session, sequence, fields, times, moved ? previous : null);
  if (moved) return change('moved', session, sequence, fields, times, previous);
  return fields.length > 0 ? change('changed', session, sequence, fields, times, null) : null;
};

const change = (
  kind: SessionChange['kind'],
  session: Session,
  sequence: number,
  fields: readonly SessionField[],
  times: SessionTimes,
  previous: SessionTimes | null,
): SessionChange => ({ kind, sessionId: session.id, title: session.title, sequence, fields, times, previous });

/** The times a release showed, in `timeZone`'s wall times: the same instants. */
const seenIn = (released: ReleasedSession, releasedTimeZone: string, timeZone: string, seen: SessionTimes): SessionTimes => ({
  ...seen,
  start: sameInstantIn(released.start, releasedTimeZone, timeZone),
  end: sameInstantIn(released.end, releasedTimeZone, timeZone),
});

/** A session's wall times with their instants under the current tz rules. */
export const timesOf = (session: Pick<Session, 'start' | 'end'>, timeZone: string): SessionTimes => ({
  start: session.start,
  end: session.end,
  startInstant: instantOf(session.start, timeZone).toString(),
  endInstant: instantOf(session.end, timeZone).toString(),
});

// The compared values are small JSON values (strings, links, speaker lists): a structural
// comparison through JSON is exact for them, key order being fixed by the events' shapes.
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// What participants see of a field: a speaker's id is the organisers' handle on them, shown in
// no notice and no calendar, so a speaker removed and added back (a new id) is no change.
const seenOf = (field: (typeof SESSION_FIELDS)[number], session: Session): unknown =>
  field === 'speakers' ? session.speakers.map(({ name, affiliation, role }) => [name, affiliation, role]) : session[field];
