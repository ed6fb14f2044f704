import type { Temporal } from '../time/temporal.ts';
import type { Disambiguation } from '../time/local-time.ts';
import type { DocumentLink, SessionKind } from './types.ts';
import type { TimeZonePolicy } from './events.ts';

/** Who asks, and when: time is an input, never read from a clock inside the domain. */
export type CommandContext = Readonly<{ actor: string; now: Temporal.Instant }>;

type Command<Type extends string, Data> = Readonly<{
  type: Type;
  meetingId: string;
  data: Readonly<Data>;
  context: CommandContext;
}>;

/** A location as organisers write it: the join link may be left out. */
export type LocationInput = Readonly<{ name: string; url?: string | null }>;

export type SpeakerInput = Readonly<{ id: string; name: string; affiliation?: string | null; role?: string | null }>;

export type CreateMeeting = Command<
  'CreateMeeting',
  {
    title: string;
    timeZone: string;
    description?: string | null;
    location?: LocationInput | null;
    documents?: readonly DocumentLink[];
  }
>;

/**
 * Fields left out keep their values; `null` clears an optional one. `location` is merged as JSON
 * merge patch does: `{ url }` alone keeps the name.
 */
export type ChangeMeetingDetails = Command<
  'ChangeMeetingDetails',
  {
    title?: string;
    description?: string | null;
    location?: Partial<LocationInput> | null;
    documents?: readonly DocumentLink[];
  }
>;

export type ChangeTimeZone = Command<
  'ChangeTimeZone',
  {
    timeZone: string;
    policy: TimeZonePolicy;
    /**
     * keep-wall-times: which reading is meant for a wall time that happens twice in the new zone,
     * when the session has not said so already (a disambiguation it stored keeps its word)
     */
    disambiguation?: Disambiguation | null;
  }
>;

export type AddSession = Command<
  'AddSession',
  {
    sessionId: string;
    title: string;
    kind?: SessionKind;
    track?: string | null;
    /** wall times in the meeting's zone, `YYYY-MM-DDTHH:mm` */
    start: string;
    end: string;
    description?: string | null;
    speakers?: readonly SpeakerInput[];
    /** which of two equal wall times is meant, for a start or end inside a fall-back fold */
    disambiguation?: Disambiguation | null;
  }
>;

/** Fields left out keep their values; `null` clears an optional one. */
export type ChangeSessionDetails = Command<
  'ChangeSessionDetails',
  { sessionId: string; title?: string; kind?: SessionKind; track?: string | null; description?: string | null }
>;

/**
 * A time left out (or sent as stored, without `disambiguation`) keeps its value and its reading of a
 * fold; the result is validated as a whole. `disambiguation` is for the times sent; sent alone, it
 * moves the kept times that are in a fold to that reading.
 */
export type RescheduleSession = Command<
  'RescheduleSession',
  { sessionId: string; start?: string; end?: string; disambiguation?: Disambiguation | null }
>;

/**
 * Any of a session's fields at once (HTTP PATCH), decided and validated as a whole: a new track and
 * a new time are checked for overlap together. `speakers` replaces the list.
 */
export type ReviseSession = Command<
  'ReviseSession',
  ChangeSessionDetails['data'] &
    Omit<RescheduleSession['data'], 'sessionId'> & { speakers?: readonly SpeakerInput[] }
>;

export type CancelSession = Command<'CancelSession', { sessionId: string; reason?: string | null }>;
/** `disambiguation` says which of twice-happening times is meant, if the session's are so in the meeting's zone now. */
export type RestoreSession = Command<'RestoreSession', { sessionId: string; disambiguation?: Disambiguation | null }>;
export type AssignSpeaker = Command<'AssignSpeaker', { sessionId: string; speaker: SpeakerInput }>;
export type RemoveSpeaker = Command<'RemoveSpeaker', { sessionId: string; speakerId: string }>;
export type ReleaseAgenda = Command<'ReleaseAgenda', { label?: string | null; note?: string | null; notify?: boolean }>;
export type CancelMeeting = Command<'CancelMeeting', { reason?: string | null; label?: string | null }>;

export type MeetingCommand =
  | CreateMeeting
  | ChangeMeetingDetails
  | ChangeTimeZone
  | AddSession
  | ChangeSessionDetails
  | RescheduleSession
  | ReviseSession
  | CancelSession
  | RestoreSession
  | AssignSpeaker
  | RemoveSpeaker
  | ReleaseAgenda
  | CancelMeeting;

export type MeetingCommandType = MeetingCommand['type'];
