import type { LocalTime } from '../time/local-time.ts';

/** A meeting field a participant sees. */
export type MeetingField = 'title' | 'description' | 'location' | 'timeZone' | 'documents';
/**
 * A field a participant sees on a session, besides its time and status: its own, or the meeting's
 * location and documents, which every session's calendar event carries.
 */
export type SessionField = 'title' | 'kind' | 'description' | 'speakers' | 'track' | 'location' | 'documents';

/**
 * The meeting's fields that each session's calendar event carries (LOCATION, URL, CONFERENCE, and
 * the documents in DESCRIPTION): when one changes, every session a participant saw changes with it.
 */
export const MEETING_FIELDS_ON_SESSIONS = ['location', 'documents'] as const satisfies readonly (MeetingField & SessionField)[];

export type SessionTimes = Readonly<{
  start: LocalTime;
  end: LocalTime;
  /** UTC instants under the rules in force when released */
  startInstant: string;
  endInstant: string;
}>;

/**
 * What one release changed for one session, one entry per session. `added`, `cancelled` and
 * `restored` win over `moved`, which wins over `changed`; `fields` lists the other fields that
 * changed with it, and `previous` the times before a move.
 */
export type SessionChange = Readonly<{
  kind: 'added' | 'moved' | 'changed' | 'cancelled' | 'restored';
  sessionId: string;
  title: string;
  /** iCalendar SEQUENCE after this release */
  sequence: number;
  fields: readonly SessionField[];
  times: SessionTimes;
  /** only for `moved` (and `restored` at another time): where it was */
  previous: SessionTimes | null;
}>;

/** Everything a participant can see that changed between two released versions. */
export type ReleaseChanges = Readonly<{
  /** true for the first release: the meeting itself appears */
  published: boolean;
  /** true when the meeting is cancelled by this release */
  meetingCancelled: boolean;
  meeting: readonly MeetingField[];
  sessions: readonly SessionChange[];
}>;

/** Whether a diff holds anything a participant would notice. */
export const hasChanges = (changes: ReleaseChanges): boolean =>
  changes.published || changes.meetingCancelled || changes.meeting.length > 0 || changes.sessions.length > 0;
