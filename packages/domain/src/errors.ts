/**
 * Every rule the domain enforces fails with a named error carrying a stable `code`, a `kind`
 * that says what the failure means to a caller (the services map kinds to HTTP statuses in one
 * place), and the details a client needs to correct the request.
 */
import type { Session } from './meeting/types.ts';

/** What a failure means, independent of transport. */
export type DomainErrorKind =
  /** the input is malformed or names something unknown (a zone, a locale) */
  | 'invalid'
  /** the thing addressed does not exist */
  | 'not-found'
  /** the current state forbids the command (cancelled meeting, nothing to release) */
  | 'conflict'
  /** a domain rule refuses the values (end before start, overlap, nonexistent local time) */
  | 'rule';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  /** machine-readable facts about the failure, safe to show to the caller */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }

  /**
   * The same refusal, of the same class and code, about one session of many (a change of zone
   * checks them all): its message and details name the session.
   *
   * @example
   * new EndNotAfterStartError('10:00', '09:00').ofSession('panel-1').details.sessionId //=> 'panel-1'
   */
  ofSession(sessionId: string): this {
    const named = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(named, this, { details: { sessionId, ...this.details } });
    named.message = `session ${sessionId}: ${this.message}`;
    named.stack = this.stack;
    return named;
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'invalid-input';
  readonly kind = 'invalid';
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, { field, reason });
  }
}

export class UnknownTimeZoneError extends DomainError {
  readonly code = 'unknown-time-zone';
  readonly kind = 'invalid';
  constructor(value: string, suggestions: readonly string[]) {
    const hint = suggestions.length > 0 ? ` Use an IANA zone such as ${suggestions.join(', ')}.` : '';
    super(`"${value}" is not an IANA time zone.${hint}`, { value, suggestions });
  }
}

export class UnknownLocaleError extends DomainError {
  readonly code = 'unknown-locale';
  readonly kind = 'invalid';
  constructor(value: string) {
    super(`"${value}" is not a locale this service can format (use a BCP 47 tag such as en-GB).`, { value });
  }
}

export class InvalidLocalTimeError extends DomainError {
  readonly code = 'invalid-local-time';
  readonly kind = 'invalid';
  /** @param reason what is wrong with it, when it is a local date-time (a year out of range) */
  constructor(field: string, value: string, reason?: string) {
    super(
      reason === undefined
        ? `${field}: "${value}" is not a local date-time; write it as YYYY-MM-DDTHH:mm in the meeting's time zone, without an offset`
        : `${field}: "${value}" ${reason}`,
      { field, value },
    );
  }
}

export class NonexistentLocalTimeError extends DomainError {
  readonly code = 'nonexistent-local-time';
  readonly kind = 'rule';
  constructor(field: string, value: string, timeZone: string, before: string, after: string) {
    super(
      `${field}: ${value} does not exist in ${timeZone} (the clocks skip it); the nearest valid times are ${before} and ${after}`,
      { field, value, timeZone, validAlternatives: [before, after] },
    );
  }
}

export interface AmbiguityOption {
  readonly disambiguation: 'earlier' | 'later';
  readonly instant: string;
  readonly offset: string;
}

export class AmbiguousLocalTimeError extends DomainError {
  readonly code = 'ambiguous-local-time';
  readonly kind = 'rule';
  constructor(field: string, value: string, timeZone: string, options: readonly AmbiguityOption[]) {
    super(
      `${field}: ${value} happens twice in ${timeZone} (the clocks go back); say disambiguation "earlier" (${options[0]?.offset}) or "later" (${options[1]?.offset})`,
      { field, value, timeZone, validAlternatives: options },
    );
  }
}

export class EndNotAfterStartError extends DomainError {
  readonly code = 'end-not-after-start';
  readonly kind = 'rule';
  constructor(start: string, end: string) {
    super(`the session must end after it starts (start ${start}, end ${end})`, { start, end });
  }
}

export class SessionsOverlapError extends DomainError {
  readonly code = 'sessions-overlap';
  readonly kind = 'rule';
  constructor(sessionId: string, other: Pick<Session, 'id' | 'title' | 'start' | 'end'>, track: string | null) {
    const where = track === null ? 'the main track' : `track "${track}"`;
    // the other session's wall times: the slot to keep clear, or to move
    super(`the session overlaps "${other.title}" (${other.start.local} to ${other.end.local}) in ${where}; put one of them in another track or move it`, {
      sessionId,
      otherSessionId: other.id,
      otherStart: other.start.local,
      otherEnd: other.end.local,
      track,
    });
  }
}

export class MeetingNotFoundError extends DomainError {
  readonly code = 'meeting-not-found';
  readonly kind = 'not-found';
  constructor(meetingId: string) {
    super(`no meeting ${meetingId}`, { meetingId });
  }
}

export class MeetingAlreadyExistsError extends DomainError {
  readonly code = 'meeting-already-exists';
  readonly kind = 'conflict';
  constructor(meetingId: string) {
    super(`meeting ${meetingId} already exists`, { meetingId });
  }
}

export class MeetingCancelledError extends DomainError {
  readonly code = 'meeting-cancelled';
  readonly kind = 'conflict';
  constructor(meetingId: string) {
    super(`meeting ${meetingId} is cancelled; nothing can change it any more`, { meetingId });
  }
}

export class SessionNotFoundError extends DomainError {
  readonly code = 'session-not-found';
  readonly kind = 'not-found';
  constructor(sessionId: string) {
    super(`no session ${sessionId} in this meeting`, { sessionId });
  }
}

export class SessionAlreadyExistsError extends DomainError {
  readonly code = 'session-already-exists';
  readonly kind = 'conflict';
  constructor(sessionId: string) {
    super(`session ${sessionId} already exists`, { sessionId });
  }
}

export class SessionCancelledError extends DomainError {
  readonly code = 'session-cancelled';
  readonly kind = 'conflict';
  constructor(sessionId: string) {
    super(`session ${sessionId} is cancelled; restore it before changing it`, { sessionId });
  }
}

export class SessionNotCancelledError extends DomainError {
  readonly code = 'session-not-cancelled';
  readonly kind = 'conflict';
  constructor(sessionId: string) {
    super(`session ${sessionId} is not cancelled, so there is nothing to restore`, { sessionId });
  }
}

export class SpeakerAlreadyAssignedError extends DomainError {
  readonly code = 'speaker-already-assigned';
  readonly kind = 'conflict';
  constructor(sessionId: string, speakerId: string) {
    super(`speaker ${speakerId} is already on session ${sessionId}`, { sessionId, speakerId });
  }
}

export class SpeakerNotFoundError extends DomainError {
  readonly code = 'speaker-not-found';
  readonly kind = 'not-found';
  constructor(sessionId: string, speakerId: string) {
    super(`speaker ${speakerId} is not on session ${sessionId}`, { sessionId, speakerId });
  }
}

export class NothingToReleaseError extends DomainError {
  readonly code = 'nothing-to-release';
  readonly kind = 'conflict';
  constructor(lastVersion: number) {
    super(`nothing a participant can see has changed since version ${lastVersion}`, { lastVersion });
  }
}

export class ReleaseNotFoundError extends DomainError {
  readonly code = 'release-not-found';
  readonly kind = 'not-found';
  constructor(meetingId: string, version: number | null) {
    super(
      version === null ? `meeting ${meetingId} has no released agenda yet` : `meeting ${meetingId} has no version ${version}`,
      { meetingId, version },
    );
  }
}
