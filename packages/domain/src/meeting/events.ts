import type { LocalTime } from '../time/local-time.ts';
import type { DocumentLink, Location, SessionKind, Speaker } from './types.ts';
import type { ReleaseChanges } from './release-changes.ts';

/**
 * The events of a meeting stream. Names are past tense and stable forever: a change of shape goes
 * through an upcaster, never a rename.
 */
type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

export type MeetingCreated = Event<
  'MeetingCreated',
  {
    meetingId: string;
    organiser: string;
    title: string;
    timeZone: string;
    description: string | null;
    location: Location | null;
    documents: readonly DocumentLink[];
    createdAt: string;
  }
>;

/** Only the fields present changed. */
export type MeetingDetailsChanged = Event<
  'MeetingDetailsChanged',
  {
    title?: string;
    description?: string | null;
    location?: Location | null;
    documents?: readonly DocumentLink[];
  }
>;

export type TimeZonePolicy = 'keep-wall-times' | 'keep-instants';

export type MeetingTimeZoneChanged = Event<
  'MeetingTimeZoneChanged',
  {
    timeZone: string;
    policy: TimeZonePolicy;
    /** the wall times in the new zone of every session whose wall time changed (keep-instants) */
    sessions: readonly Readonly<{ sessionId: string; start: LocalTime; end: LocalTime }>[];
  }
>;

export type SessionAdded = Event<
  'SessionAdded',
  {
    sessionId: string;
    title: string;
    kind: SessionKind;
    /** sessions in the same track may not overlap; null is the main track */
    track: string | null;
    start: LocalTime;
    end: LocalTime;
    description: string | null;
    speakers: readonly Speaker[];
    /** instant (ISO) of the command that added it: iCalendar CREATED */
    addedAt: string;
  }
>;

/** Only the fields present changed. */
export type SessionDetailsChanged = Event<
  'SessionDetailsChanged',
  { sessionId: string; title?: string; kind?: SessionKind; track?: string | null; description?: string | null }
>;

export type SessionRescheduled = Event<'SessionRescheduled', { sessionId: string; start: LocalTime; end: LocalTime }>;
export type SessionCancelled = Event<'SessionCancelled', { sessionId: string; reason: string | null }>;
export type SessionRestored = Event<'SessionRestored', { sessionId: string }>;
export type SpeakerAssigned = Event<'SpeakerAssigned', { sessionId: string; speaker: Speaker }>;
export type SpeakerRemoved = Event<'SpeakerRemoved', { sessionId: string; speakerId: string }>;

export type AgendaReleased = Event<
  'AgendaReleased',
  {
    version: number;
    label: string;
    note: string | null;
    notify: boolean;
    releasedAt: string;
    releasedBy: string;
    changes: ReleaseChanges;
  }
>;

export type MeetingCancelled = Event<'MeetingCancelled', { reason: string | null; cancelledAt: string }>;

export type MeetingEvent =
  | MeetingCreated
  | MeetingDetailsChanged
  | MeetingTimeZoneChanged
  | SessionAdded
  | SessionDetailsChanged
  | SessionRescheduled
  | SessionCancelled
  | SessionRestored
  | SpeakerAssigned
  | SpeakerRemoved
  | AgendaReleased
  | MeetingCancelled;

export type MeetingEventType = MeetingEvent['type'];

export const MEETING_EVENT_TYPES: readonly MeetingEventType[] = [
  'MeetingCreated',
  'MeetingDetailsChanged',
  'MeetingTimeZoneChanged',
  'SessionAdded',
  'SessionDetailsChanged',
  'SessionRescheduled',
  'SessionCancelled',
  'SessionRestored',
  'SpeakerAssigned',
  'SpeakerRemoved',
  'AgendaReleased',
  'MeetingCancelled',
];

/** The stream that holds a meeting's events. */
export const meetingStream = (meetingId: string): string => `meeting-${meetingId}`;
