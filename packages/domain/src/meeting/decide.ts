import { validateTimeZone } from '../time/time-zone.ts';
import { localTimeAt, type Disambiguation, type LocalTime } from '../time/local-time.ts';
import { instantText } from '../time/instant-text.ts';
import {
  DomainError,
  InvalidInputError,
  MeetingAlreadyExistsError,
  MeetingCancelledError,
  MeetingNotFoundError,
  NothingToReleaseError,
  SessionAlreadyExistsError,
  SessionCancelledError,
  SessionNotCancelledError,
  SessionNotFoundError,
  SpeakerAlreadyAssignedError,
  SpeakerNotFoundError,
} from '../errors.ts';
import type * as C from './commands.ts';
import type { LocationInput } from './commands.ts';
import type { MeetingEvent, MeetingDetailsChanged } from './events.ts';
import type { ExistingMeeting, Meeting, Session, Speaker } from './types.ts';
import { evolve, assertNever } from './evolve.ts';
import { diffDraft } from './release-diff.ts';
import { hasChanges } from './release-changes.ts';
import { assertNoOverlap, resolveTimes, slotOf, storedInstantOf } from './schedule-rules.ts';
import {
  LIMITS,
  normaliseDocuments,
  normaliseLocation,
  normaliseSpeaker,
  normaliseSpeakers,
  optionalText,
  requireKind,
  requireText,
} from './validation.ts';

/**
 * Decides what a command means for a meeting: the events to append, or a named error. Pure and
 * total: it reads nothing but its arguments.
 *
 * @example
 * decide(createMeeting, initialState()) //=> [{ type: 'MeetingCreated', data: { … } }]
 */
export const decide = (command: C.MeetingCommand, state: Meeting): MeetingEvent[] => {
  if (command.type === 'CreateMeeting') return createMeeting(command, state);
  const meeting = requireActive(state, command.meetingId);
  switch (command.type) {
    case 'ChangeMeetingDetails':
      return changeMeetingDetails(command, meeting);
    case 'ChangeTimeZone':
      return changeTimeZone(command, meeting);
    case 'AddSession':
      return addSession(command, meeting);
    case 'ChangeSessionDetails':
    case 'RescheduleSession':
    case 'ReviseSession':
      return reviseSession(command.data, meeting);
    case 'CancelSession': {
      const session = requireSession(meeting, command.data.sessionId);
      if (session.status === 'cancelled') return [];
      const reason = optionalText('reason', command.data.reason, LIMITS.description);
      return [{ type: 'SessionCancelled', data: { sessionId: session.id, reason } }];
    }
    case 'RestoreSession':
      return restoreSession(command, meeting);
    case 'AssignSpeaker': {
      const session = requireScheduledSession(meeting, command.data.sessionId);
      const speaker = normaliseSpeaker(command.data.speaker);
      if (session.speakers.some((existing) => existing.id === speaker.id)) {
        throw new SpeakerAlreadyAssignedError(session.id, speaker.id);
      }
      // the limit a session's whole list is held to, one speaker at a time too
      if (session.speakers.length >= LIMITS.listItems) throw new InvalidInputError('speakers', `at most ${LIMITS.listItems}`);
      return [{ type: 'SpeakerAssigned', data: { sessionId: session.id, speaker } }];
    }
    case 'RemoveSpeaker': {
      const session = requireScheduledSession(meeting, command.data.sessionId);
      // trimmed as an assigned speaker's id was
      const speakerId = requireText('speakerId', command.data.speakerId, LIMITS.name);
      if (!session.speakers.some((speaker) => speaker.id === speakerId)) throw new SpeakerNotFoundError(session.id, speakerId);
      return [{ type: 'SpeakerRemoved', data: { sessionId: session.id, speakerId } }];
    }
    case 'ReleaseAgenda':
      return releaseAgenda(command, meeting);
    case 'CancelMeeting':
      return cancelMeeting(command, meeting);
    default:
      return assertNever(command);
  }
};

const createMeeting = (command: C.CreateMeeting, state: Meeting): MeetingEvent[] => {
  if (state.exists) throw new MeetingAlreadyExistsError(command.meetingId);
  const { data, context } = command;
  return [
    {
      type: 'MeetingCreated',
      data: {
        meetingId: command.meetingId,
        organiser: context.actor,
        title: requireText('title', data.title, LIMITS.title),
        timeZone: validateTimeZone(data.timeZone),
        description: optionalText('description', data.description, LIMITS.description),
        location: normaliseLocation(data.location),
        documents: normaliseDocuments(data.documents),
        createdAt: instantText(context.now),
      },
    },
  ];
};

const changeMeetingDetails = (command: C.ChangeMeetingDetails, meeting: ExistingMeeting): MeetingEvent[] => {
  const { data } = command;
  const proposed: MeetingDetailsChanged['data'] = {
    ...(data.title !== undefined && { title: requireText('title', data.title, LIMITS.title) }),
    ...(data.description !== undefined && {
      description: optionalText('description', data.description, LIMITS.description),
    }),
    ...(data.location !== undefined && {
      location: normaliseLocation(data.location === null ? null : { ...meeting.details.location, ...data.location } as LocationInput),
    }),
    ...(data.documents !== undefined && { documents: normaliseDocuments(data.documents) }),
  };
  const changed = onlyChanged(proposed, meeting.details);
  return Object.keys(changed).length === 0 ? [] : [{ type: 'MeetingDetailsChanged', data: changed }];
};

const changeTimeZone = (command: C.ChangeTimeZone, meeting: ExistingMeeting): MeetingEvent[] => {
  const timeZone = validateTimeZone(command.data.timeZone);
  const from = meeting.details.timeZone;
  if (timeZone === from) return [];
  const sessions: { sessionId: string; start: LocalTime; end: LocalTime }[] = [];
  for (const session of meeting.sessions.values()) {
    const moved =
      command.data.policy === 'keep-instants'
        ? {
            start: localTimeAt(storedInstantOf(session.start, from), timeZone),
            end: localTimeAt(storedInstantOf(session.end, from), timeZone),
          }
        : keepWallTimes(session, timeZone, command.data.disambiguation ?? null);
    if (!sameLocalTime(moved.start, session.start) || !sameLocalTime(moved.end, session.end)) {
      sessions.push({ sessionId: session.id, ...moved });
    }
  }
  const events: MeetingEvent[] = [{ type: 'MeetingTimeZoneChanged', data: { timeZone, policy: command.data.policy, sessions } }];
  // The same wall times can overlap in the new zone (a fold, a gap): the result is checked as a whole.
  const after = events.reduce(evolve, meeting) as ExistingMeeting;
  for (const session of after.sessions.values()) {
    if (session.status === 'scheduled') assertNoOverlap(after, slotOf(session, timeZone));
  }
  return events;
};

/**
 * The session's wall times in another zone, refusing those that do not exist there, and those
 * that happen twice there unless the session or the command says which is meant. A cancelled
 * session keeps its times unchecked: it is checked if it is ever restored.
 */
const keepWallTimes = (session: Session, timeZone: string, disambiguation: Disambiguation | null): { start: LocalTime; end: LocalTime } => {
  if (session.status === 'cancelled') return { start: session.start, end: session.end };
  try {
    const { start, end } = resolveTimes(said(session.start, disambiguation), said(session.end, disambiguation), timeZone);
    return { start: stillSaying(start, session.start), end: stillSaying(end, session.end) };
  } catch (error) {
    throw error instanceof DomainError ? error.ofSession(session.id) : error;
  }
};

/**
 * A wall time resolved in the new zone, keeping which of a repeated hour the organiser chose: in a
 * zone where it happens once the choice says nothing, but a change back to one where it happens
 * twice needs it again (DESIGN.md: a zone change keeps it), or two sessions in the two passes of
 * one hour could not both come back where participants saw them.
 */
const stillSaying = (resolved: LocalTime, stored: LocalTime): LocalTime =>
  resolved.disambiguation === null && stored.disambiguation !== null ? { local: resolved.local, disambiguation: stored.disambiguation } : resolved;

/** A stored wall time with the command's disambiguation, unless it was stored with its own. */
const said = (time: LocalTime, disambiguation: Disambiguation | null): LocalTime =>
  time.disambiguation === null && disambiguation !== null ? { local: time.local, disambiguation } : time;

/**
 * Schedules a cancelled session again at its times, checked now as if it were added: a change of
 * zone that kept wall times while it was cancelled may have put them in a gap of the new zone
 * (refused, with the nearest valid times) or a fold (refused unless the command says which is
 * meant; then also stored so, as a reschedule would store it).
 */
const restoreSession = (command: C.RestoreSession, meeting: ExistingMeeting): MeetingEvent[] => {
  const session = requireSession(meeting, command.data.sessionId);
  if (session.status !== 'cancelled') throw new SessionNotCancelledError(session.id);
  const disambiguation = command.data.disambiguation ?? null;
  const times = resolveTimes(said(session.start, disambiguation), said(session.end, disambiguation), meeting.details.timeZone);
  assertNoOverlap(meeting, { sessionId: session.id, track: session.track, start: times.startInstant, end: times.endInstant });
  const restored: MeetingEvent = { type: 'SessionRestored', data: { sessionId: session.id } };
  if (sameLocalTime(times.start, session.start) && sameLocalTime(times.end, session.end)) return [restored];
  return [restored, { type: 'SessionRescheduled', data: { sessionId: session.id, start: times.start, end: times.end } }];
};

const addSession = (command: C.AddSession, meeting: ExistingMeeting): MeetingEvent[] => {
  const { data, context } = command;
  const sessionId = requireText('sessionId', data.sessionId, LIMITS.name);
  if (meeting.sessions.has(sessionId)) throw new SessionAlreadyExistsError(sessionId);
  if (meeting.sessions.size >= LIMITS.sessions) throw new InvalidInputError('sessions', `a meeting has at most ${LIMITS.sessions} sessions (cancelled ones count)`);
  const title = requireText('title', data.title, LIMITS.title);
  const track = optionalText('track', data.track, LIMITS.name);
  const disambiguation = data.disambiguation ?? null;
  const times = resolveTimes({ local: data.start, disambiguation }, { local: data.end, disambiguation }, meeting.details.timeZone);
  assertNoOverlap(meeting, { sessionId, track, start: times.startInstant, end: times.endInstant });
  return [
    {
      type: 'SessionAdded',
      data: {
        sessionId,
        title,
        kind: requireKind(data.kind),
        track,
        start: times.start,
        end: times.end,
        description: optionalText('description', data.description, LIMITS.description),
        speakers: normaliseSpeakers(data.speakers),
        addedAt: instantText(context.now),
      },
    },
  ];
};

/** Details, times and speakers of one session, validated as a whole (see `ReviseSession`). */
const reviseSession = (data: C.ReviseSession['data'], meeting: ExistingMeeting): MeetingEvent[] => {
  const session = requireScheduledSession(meeting, data.sessionId);
  const timeZone = meeting.details.timeZone;
  const events: MeetingEvent[] = [];

  const details = onlyChanged(
    {
      ...(data.title !== undefined && { title: requireText('title', data.title, LIMITS.title) }),
      ...(data.kind !== undefined && { kind: requireKind(data.kind) }),
      ...(data.track !== undefined && { track: optionalText('track', data.track, LIMITS.name) }),
      ...(data.description !== undefined && {
        description: optionalText('description', data.description, LIMITS.description),
      }),
    },
    session,
  );
  if (Object.keys(details).length > 0) events.push({ type: 'SessionDetailsChanged', data: { sessionId: session.id, ...details } });

  // A time left out, or sent as stored without a disambiguation (a form sends every field), keeps
  // its value and the way its fold was resolved. A request's disambiguation is for the times it
  // names; naming none, it applies to the kept times in a fold (the only way to move a session
  // from the first 02:30 of a fall-back night to the second).
  const requested = data.disambiguation ?? null;
  const restated = (sent: string | undefined, stored: LocalTime): boolean => sent === undefined || (sent === stored.local && requested === null);
  const namesTime = !restated(data.start, session.start) || !restated(data.end, session.end);
  const wanted = (sent: string | undefined, stored: LocalTime): LocalTime => {
    if (!restated(sent, stored)) return { local: sent!, disambiguation: requested };
    return !namesTime && requested !== null && stored.disambiguation !== null ? { local: stored.local, disambiguation: requested } : stored;
  };
  const times = resolveTimes(wanted(data.start, session.start), wanted(data.end, session.end), timeZone);
  const moved = !sameLocalTime(times.start, session.start) || !sameLocalTime(times.end, session.end);
  if (moved) events.push({ type: 'SessionRescheduled', data: { sessionId: session.id, start: times.start, end: times.end } });

  if (data.speakers !== undefined) events.push(...replaceSpeakers(session, normaliseSpeakers(data.speakers)));

  if (moved || details.track !== undefined) {
    const track = details.track === undefined ? session.track : details.track;
    assertNoOverlap(meeting, { sessionId: session.id, track, start: times.startInstant, end: times.endInstant });
  }
  return events;
};

/**
 * The removals and assignments that turn a session's speakers into `speakers`, in their order (the
 * order participants read them in): those already in place stay, every one after the first
 * difference is removed, and the rest assigned in order (an assignment appends).
 */
const replaceSpeakers = (session: Session, speakers: readonly Speaker[]): MeetingEvent[] => {
  const inPlace = (speaker: Speaker, index: number): boolean => JSON.stringify(speaker) === JSON.stringify(speakers[index]);
  const firstDifference = session.speakers.findIndex((speaker, index) => !inPlace(speaker, index));
  const kept = firstDifference === -1 ? session.speakers.length : firstDifference;
  return [
    ...session.speakers.slice(kept).map((speaker): MeetingEvent => ({ type: 'SpeakerRemoved', data: { sessionId: session.id, speakerId: speaker.id } })),
    ...speakers.slice(kept).map((speaker): MeetingEvent => ({ type: 'SpeakerAssigned', data: { sessionId: session.id, speaker } })),
  ];
};

const releaseAgenda = (command: C.ReleaseAgenda, meeting: ExistingMeeting): MeetingEvent[] => {
  const changes = diffDraft(meeting);
  if (!hasChanges(changes)) throw new NothingToReleaseError(meeting.releases.length);
  const version = meeting.releases.length + 1;
  return [
    {
      type: 'AgendaReleased',
      data: {
        version,
        label: optionalText('label', command.data.label, LIMITS.label) ?? `Rev.${version}`,
        note: optionalText('note', command.data.note, LIMITS.description),
        notify: command.data.notify ?? true,
        releasedAt: instantText(command.context.now),
        releasedBy: command.context.actor,
        changes,
      },
    },
  ];
};

/** A cancellation is released at once when the meeting was ever published: subscribers must hear of it. */
const cancelMeeting = (command: C.CancelMeeting, meeting: ExistingMeeting): MeetingEvent[] => {
  const reason = optionalText('reason', command.data.reason, LIMITS.description);
  const cancelled: MeetingEvent = {
    type: 'MeetingCancelled',
    data: { reason, cancelledAt: instantText(command.context.now) },
  };
  if (meeting.releases.length === 0) return [cancelled];
  const after = evolve(meeting, cancelled) as ExistingMeeting;
  const version = meeting.releases.length + 1;
  return [
    cancelled,
    {
      type: 'AgendaReleased',
      data: {
        version,
        label: optionalText('label', command.data.label, LIMITS.label) ?? `Rev.${version}`,
        note: reason,
        notify: true,
        releasedAt: instantText(command.context.now),
        releasedBy: command.context.actor,
        changes: diffDraft(after),
      },
    },
  ];
};

const requireActive = (state: Meeting, meetingId: string): ExistingMeeting => {
  if (!state.exists) throw new MeetingNotFoundError(meetingId);
  if (state.status === 'cancelled') throw new MeetingCancelledError(state.id);
  return state;
};

const requireSession = (meeting: ExistingMeeting, sessionId: string): Session => {
  const session = meeting.sessions.get(sessionId);
  if (session === undefined) throw new SessionNotFoundError(sessionId);
  return session;
};

const requireScheduledSession = (meeting: ExistingMeeting, sessionId: string): Session => {
  const session = requireSession(meeting, sessionId);
  if (session.status === 'cancelled') throw new SessionCancelledError(sessionId);
  return session;
};

const sameLocalTime = (a: LocalTime, b: LocalTime): boolean =>
  a.local === b.local && a.disambiguation === b.disambiguation;

/** The proposed fields whose values differ from the current ones. */
const onlyChanged = <T extends object>(proposed: T, current: object): Partial<T> =>
  Object.fromEntries(
    Object.entries(proposed).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify((current as Record<string, unknown>)[key] ?? null),
    ),
  ) as Partial<T>;
