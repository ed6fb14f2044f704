import type { ReleaseChanges } from './release-changes.ts';
import type { IdMap } from '../_lib/id-map.ts';
import type { SessionAdded } from './events.ts';

/** Where a meeting happens: a room, an online platform with its join link, or both. */
export type Location = Readonly<{
  /** e.g. "Online (MS Teams)" or "Palais des Nations, Room XX" */
  name: string;
  /** join link of an online meeting, shown as a join button by calendar clients */
  url: string | null;
}>;

/** A link to a background document (concept note, reports). */
export type DocumentLink = Readonly<{ title: string; url: string }>;

/** What a participant sees of a meeting as a whole. */
export type MeetingDetails = Readonly<{
  title: string;
  description: string | null;
  location: Location | null;
  timeZone: string;
  documents: readonly DocumentLink[];
}>;

export const SESSION_KINDS = ['opening', 'keynote', 'panel', 'workshop', 'break', 'closing', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export type Speaker = Readonly<{
  id: string;
  name: string;
  affiliation: string | null;
  /** e.g. "moderator", "panelist", "keynote speaker" */
  role: string | null;
}>;

export type SessionStatus = 'scheduled' | 'cancelled';

/** A session of the draft: what `SessionAdded` said of it, as later events changed it, and whether it is cancelled. */
export type Session = Readonly<{ id: string; status: SessionStatus } & Omit<SessionAdded['data'], 'sessionId'>>;

/** A session as released: what participants, feeds and notices see. */
export type ReleasedSession = Session &
  Readonly<{
    /** number of releases after the first that changed what participants see: iCalendar SEQUENCE */
    sequence: number;
    /** the release version that last changed it, and when: DTSTAMP and LAST-MODIFIED */
    changedInVersion: number;
    changedAt: string;
  }>;

/** One published version of the agenda. Snapshots share unchanged sessions with each other. */
export type Release = Readonly<{
  version: number;
  label: string;
  note: string | null;
  notify: boolean;
  releasedAt: string;
  releasedBy: string;
  details: MeetingDetails;
  cancelled: boolean;
  sessions: IdMap<ReleasedSession>;
  changes: ReleaseChanges;
}>;

export type MeetingStatus = 'active' | 'cancelled';

/** The meeting aggregate: the draft organisers edit and every release they published. */
export type Meeting =
  | Readonly<{ exists: false }>
  | Readonly<{
      exists: true;
      id: string;
      organiser: string;
      createdAt: string;
      status: MeetingStatus;
      details: MeetingDetails;
      /** the draft: in the order sessions were added */
      sessions: IdMap<Session>;
      releases: readonly Release[];
    }>;

export type ExistingMeeting = Extract<Meeting, { exists: true }>;
