import type { MeetingEvent, AgendaReleased, SessionAdded } from './events.ts';
import type { ExistingMeeting, Meeting, Release, ReleasedSession, Session, Speaker } from './types.ts';
import type { LocalTime } from '../time/local-time.ts';
import type { ReleaseChanges, SessionChange, SessionTimes } from './release-changes.ts';
import { IdMap } from '../_lib/id-map.ts';
import { Interner } from '../_lib/interner.ts';
import { releasedSessions } from './released-sessions.ts';

/** The state before the first event of a stream. */
export const initialState = (): Meeting => ({ exists: false });

/**
 * Applies one event to a meeting. Pure: the state given is never mutated, and the same events give
 * equal states. Unchanged sessions and releases are shared between the old and the new state, and
 * values that repeat across sessions and meetings (wall times, zones, affiliations) are kept once,
 * so a long stream costs one small copy per event, not a copy of the whole meeting.
 *
 * @example
 * [meetingCreated, sessionAdded].reduce(evolve, initialState()).sessions.size //=> 1
 */
export const evolve = (state: Meeting, event: MeetingEvent): Meeting => {
  if (event.type === 'MeetingCreated') {
    const { meetingId, organiser, createdAt, title, description, location, timeZone, documents } = event.data;
    return {
      exists: true,
      id: meetingId,
      organiser: shared(organiser),
      createdAt,
      status: 'active',
      details: { title, description, location, timeZone: shared(timeZone), documents },
      sessions: IdMap.empty(),
      releases: [],
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MeetingDetailsChanged':
      return meetingWith(state, { details: { ...state.details, ...event.data } });
    case 'MeetingTimeZoneChanged': {
      let sessions = state.sessions;
      for (const moved of event.data.sessions) {
        const session = sessions.get(moved.sessionId);
        if (session !== undefined) sessions = sessions.with({ ...session, start: sharedTime(moved.start), end: sharedTime(moved.end) });
      }
      return meetingWith(state, { details: { ...state.details, timeZone: shared(event.data.timeZone) }, sessions });
    }
    case 'SessionAdded':
      return withSession(state, addedSession(event.data));
    case 'SessionDetailsChanged': {
      const { title, kind, track, description } = event.data;
      return updateSession(state, event.data.sessionId, (session) =>
        sessionWith(session, {
          title: title ?? session.title,
          kind: kind ?? session.kind,
          // null is a value here (no track, no description): only a missing field keeps the old one
          track: track === undefined ? session.track : sharedOrNull(track),
          description: description === undefined ? session.description : sharedOrNull(description),
        }),
      );
    }
    case 'SessionRescheduled':
      return updateSession(state, event.data.sessionId, (session) =>
        sessionWith(session, { start: sharedTime(event.data.start), end: sharedTime(event.data.end) }),
      );
    case 'SessionCancelled':
      return updateSession(state, event.data.sessionId, (session) => sessionWith(session, { status: 'cancelled' }));
    case 'SessionRestored':
      return updateSession(state, event.data.sessionId, (session) => sessionWith(session, { status: 'scheduled' }));
    case 'SpeakerAssigned':
      return updateSession(state, event.data.sessionId, (session) =>
        // concat makes an array of the exact length; a spread left room for 17 more (measured)
        sessionWith(session, { speakers: session.speakers.concat(sharedSpeaker(event.data.speaker)) }),
      );
    case 'SpeakerRemoved':
      return updateSession(state, event.data.sessionId, (session) =>
        sessionWith(session, { speakers: session.speakers.filter((speaker) => speaker.id !== event.data.speakerId) }),
      );
    case 'AgendaReleased':
      return meetingWith(state, { releases: [...state.releases, releaseOf(state, event)] });
    case 'MeetingCancelled': {
      return meetingWith(state, {
        status: 'cancelled',
        sessions: state.sessions.map((session) => sessionWith(session, { status: 'cancelled' })),
      });
    }
    default:
      return assertNever(event);
  }
};

// A meeting is copied field by field, in the order `MeetingCreated` gives: a spread of the state
// came out with its fields in a separate property array (measured in a heap snapshot), one more
// object to allocate, and for a replay to promote, on every event.
const meetingWith = (state: ExistingMeeting, fields: Partial<Pick<ExistingMeeting, 'status' | 'details' | 'sessions' | 'releases'>>): ExistingMeeting => ({
  exists: true,
  id: state.id,
  organiser: state.organiser,
  createdAt: state.createdAt,
  status: fields.status ?? state.status,
  details: fields.details ?? state.details,
  sessions: fields.sessions ?? state.sessions,
  releases: fields.releases ?? state.releases,
});

const withSession = (state: ExistingMeeting, session: Session): ExistingMeeting => meetingWith(state, { sessions: state.sessions.with(session) });

const updateSession = (
  state: ExistingMeeting,
  sessionId: string,
  update: (session: Session) => Session,
): ExistingMeeting => {
  const session = state.sessions.get(sessionId);
  return session === undefined ? state : withSession(state, update(session));
};

// Sessions are built field by field, in one order, rather than spread from event data: every
// session then has the same hidden class (fast property reads in read models), and fields an event
// happens to carry besides the session's never leak into the state.
const addedSession = (data: SessionAdded['data']): Session => ({
  id: data.sessionId,
  title: data.title,
  kind: data.kind,
  track: sharedOrNull(data.track),
  start: sharedTime(data.start),
  end: sharedTime(data.end),
  description: sharedOrNull(data.description),
  speakers: data.speakers.length === 0 ? NO_SPEAKERS : data.speakers.map(sharedSpeaker),
  status: 'scheduled',
  addedAt: shared(data.addedAt),
});

const sessionWith = (session: Session, fields: Partial<Omit<Session, 'id' | 'addedAt'>>): Session => ({
  id: session.id,
  title: fields.title ?? session.title,
  kind: fields.kind ?? session.kind,
  track: fields.track === undefined ? session.track : fields.track,
  start: fields.start ?? session.start,
  end: fields.end ?? session.end,
  description: fields.description === undefined ? session.description : fields.description,
  speakers: fields.speakers ?? session.speakers,
  status: fields.status ?? session.status,
  addedAt: session.addedAt,
});

/** The released snapshot: the meeting as it stands, with the sessions the release shows. */
const releaseOf = (state: ExistingMeeting, event: AgendaReleased): Release => {
  const { version, label, note, notify, releasedAt, releasedBy } = event.data;
  const changes = sharedChanges(event.data.changes, state);
  const changedAt = shared(releasedAt);
  const previousRelease = state.releases.at(-1);
  const previous = previousRelease?.sessions ?? IdMap.empty<ReleasedSession>();
  const zone = state.details.timeZone;
  const previousZone = previousRelease === undefined || previousRelease.details.timeZone === zone ? null : previousRelease.details.timeZone;
  const sessions = releasedSessions(state.sessions, previous, changes.sessions, { version, changedAt, previousZone, zone });
  return {
    version,
    label,
    note,
    notify,
    releasedAt: changedAt,
    releasedBy: shared(releasedBy),
    details: state.details,
    cancelled: state.status === 'cancelled',
    sessions,
    changes,
  };
};

/**
 * The release's changes as the event carries them, their ids, wall times and instants shared with
 * the draft and other releases: equal, value for value, to the event's.
 */
const sharedChanges = (changes: ReleaseChanges, state: ExistingMeeting): ReleaseChanges => ({
  published: changes.published,
  meetingCancelled: changes.meetingCancelled,
  meeting: changes.meeting,
  sessions: changes.sessions.map(
    (change): SessionChange => ({
      kind: change.kind,
      sessionId: state.sessions.get(change.sessionId)?.id ?? change.sessionId,
      title: change.title,
      sequence: change.sequence,
      fields: change.fields.length === 0 ? NO_FIELDS : change.fields,
      times: sharedTimes(change.times),
      previous: change.previous === null ? null : sharedTimes(change.previous),
    }),
  ),
});

const sharedTimes = (times: SessionTimes): SessionTimes => ({
  start: sharedTime(times.start),
  end: sharedTime(times.end),
  startInstant: shared(times.startInstant),
  endInstant: shared(times.endInstant),
});

const NO_SPEAKERS: readonly Speaker[] = Object.freeze([]);
const NO_FIELDS: SessionChange['fields'] = Object.freeze([]);

const strings = new Interner<string>();
const times = new Interner<LocalTime>();

const shared = (value: string): string => strings.intern(value, value);
const sharedOrNull = (value: string | null): string | null => (value === null ? null : shared(value));

// The first object seen is the one kept, so that what schedule rules learnt of it (its instant per
// zone) serves every meeting. A time resolved in a fold keeps its own object: rare, and its key
// would need the disambiguation.
const sharedTime = (time: LocalTime): LocalTime => (time.disambiguation === null ? times.intern(time.local, time) : time);

const sharedSpeaker = (speaker: Speaker): Speaker => ({
  id: speaker.id,
  name: shared(speaker.name),
  affiliation: sharedOrNull(speaker.affiliation),
  role: sharedOrNull(speaker.role),
});

/** Compile-time proof that a switch covers every case. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected case: ${JSON.stringify(value)}`);
};
