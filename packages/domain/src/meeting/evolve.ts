import type { MeetingEvent, AgendaReleased } from './events.ts';
import type { ExistingMeeting, Meeting, Release, ReleasedSession, Session } from './types.ts';
import { IdMap } from '../_lib/id-map.ts';

/** The state before the first event of a stream. */
export const initialState = (): Meeting => ({ exists: false });

/**
 * Applies one event to a meeting. Pure: the state given is never mutated. Unchanged sessions and
 * releases are shared between the old and the new state, so a long stream costs one small copy per
 * event, not a copy of the whole meeting.
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
      organiser,
      createdAt,
      status: 'active',
      details: { title, description, location, timeZone, documents },
      sessions: IdMap.empty(),
      releases: [],
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MeetingDetailsChanged':
      return { ...state, details: { ...state.details, ...event.data } };
    case 'MeetingTimeZoneChanged': {
      let sessions = state.sessions;
      for (const moved of event.data.sessions) {
        const session = sessions.get(moved.sessionId);
        if (session !== undefined) sessions = sessions.with({ ...session, start: moved.start, end: moved.end });
      }
      return { ...state, details: { ...state.details, timeZone: event.data.timeZone }, sessions };
    }
    case 'SessionAdded': {
      const { sessionId, ...rest } = event.data;
      return withSession(state, { id: sessionId, ...rest, status: 'scheduled' });
    }
    case 'SessionDetailsChanged': {
      const { sessionId, ...fields } = event.data;
      return updateSession(state, sessionId, (session) => ({ ...session, ...fields }));
    }
    case 'SessionRescheduled':
      return updateSession(state, event.data.sessionId, (session) => ({
        ...session,
        start: event.data.start,
        end: event.data.end,
      }));
    case 'SessionCancelled':
      return updateSession(state, event.data.sessionId, (session) => ({ ...session, status: 'cancelled' }));
    case 'SessionRestored':
      return updateSession(state, event.data.sessionId, (session) => ({ ...session, status: 'scheduled' }));
    case 'SpeakerAssigned':
      return updateSession(state, event.data.sessionId, (session) => ({
        ...session,
        speakers: [...session.speakers, event.data.speaker],
      }));
    case 'SpeakerRemoved':
      return updateSession(state, event.data.sessionId, (session) => ({
        ...session,
        speakers: session.speakers.filter((speaker) => speaker.id !== event.data.speakerId),
      }));
    case 'AgendaReleased':
      return { ...state, releases: [...state.releases, releaseOf(state, event)] };
    case 'MeetingCancelled': {
      return { ...state, status: 'cancelled', sessions: state.sessions.map((session) => ({ ...session, status: 'cancelled' })) };
    }
    default:
      return assertNever(event);
  }
};

const withSession = (state: ExistingMeeting, session: Session): ExistingMeeting => ({
  ...state,
  sessions: state.sessions.with(session),
});

const updateSession = (
  state: ExistingMeeting,
  sessionId: string,
  update: (session: Session) => Session,
): ExistingMeeting => {
  const session = state.sessions.get(sessionId);
  return session === undefined ? state : withSession(state, update(session));
};

/** The released snapshot: the draft as it stands, reusing the previous release's unchanged sessions. */
const releaseOf = (state: ExistingMeeting, event: AgendaReleased): Release => {
  const { version, label, note, notify, releasedAt, releasedBy, changes } = event.data;
  const previous = state.releases.at(-1)?.sessions;
  const changed = new Map(changes.sessions.map((change) => [change.sessionId, change.sequence]));
  // A session neither changed nor released before is a draft never published (e.g. added and
  // cancelled between two releases): participants never saw it, so it stays out.
  const sessions = state.sessions.map((session): ReleasedSession | undefined => {
    const sequence = changed.get(session.id);
    return sequence !== undefined
      ? { ...session, sequence, changedInVersion: version, changedAt: releasedAt }
      : previous?.get(session.id);
  });
  return {
    version,
    label,
    note,
    notify,
    releasedAt,
    releasedBy,
    details: state.details,
    cancelled: state.status === 'cancelled',
    sessions,
    changes,
  };
};

/** Compile-time proof that a switch covers every case. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected case: ${JSON.stringify(value)}`);
};
