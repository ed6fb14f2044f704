import { Type } from 'typebox';
import {
  Disambiguation,
  DocumentSchema,
  Instant,
  LocalDateTime,
  LocationSchema,
  Nullable,
  SessionKindSchema,
  SpeakerSchema,
  TimeZone,
} from './common.ts';
import { NextCursor } from '@meridian/http';
import {
  AGENDA_EXAMPLE,
  DRAFT_CHANGES_EXAMPLE,
  HISTORY_EXAMPLE,
  MEETING_EXAMPLE,
  MEETING_LIST_EXAMPLE,
  RELEASE_EXAMPLE,
  RELEASE_LIST_EXAMPLE,
  SESSION_EXAMPLE,
} from './examples.ts';

const LocalTimeSchema = Type.Object({ local: LocalDateTime, disambiguation: Nullable(Disambiguation) });

export const SessionResourceSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    kind: SessionKindSchema,
    track: Nullable(Type.String()),
    start: LocalDateTime,
    end: LocalDateTime,
    startDisambiguation: Nullable(Disambiguation),
    endDisambiguation: Nullable(Disambiguation),
    startInstant: Instant,
    endInstant: Instant,
    description: Nullable(Type.String()),
    speakers: Type.Array(SpeakerSchema),
    status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
    addedAt: Instant,
  },
  { $id: 'Session', description: 'a session of the draft, times as wall times in the meeting zone', examples: [SESSION_EXAMPLE] },
);

export const LinksSchema = Type.Object({
  agenda: Type.String({ description: 'the agenda JSON (latest release)' }),
  calendar: Type.String({ description: 'the iCalendar feed' }),
  webcal: Type.String({ description: 'the feed as a webcal:// link that calendar apps subscribe to' }),
  page: Type.String({ description: 'the participant agenda page' }),
});

export const MeetingResourceSchema = Type.Object(
  {
    id: Type.String(),
    organiser: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    location: Nullable(LocationSchema),
    timeZone: TimeZone,
    documents: Type.Array(DocumentSchema),
    status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
    createdAt: Instant,
    revision: Type.Integer({ description: 'events so far in the meeting stream: the ETag' }),
    releasedVersion: Nullable(Type.Integer({ description: 'the latest released version, null before the first release' })),
    sessions: Type.Array(Type.Ref('Session')),
    links: LinksSchema,
  },
  { $id: 'Meeting', description: 'the draft of a meeting, as its organiser edits it', examples: [MEETING_EXAMPLE] },
);

export const MeetingSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  timeZone: TimeZone,
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  releasedVersion: Nullable(Type.Integer()),
  firstSessionStart: Nullable(Instant),
  draft: Type.Boolean({ description: 'true for a meeting only its organiser sees (never released)' }),
  links: LinksSchema,
});

export const MeetingListSchema = Type.Object(
  {
    meetings: Type.Array(MeetingSummarySchema),
    next: NextCursor,
  },
  { description: 'One page of meetings, oldest first, and the cursor of the next.', examples: [MEETING_LIST_EXAMPLE] },
);

const SessionTimesSchema = Type.Object({ start: LocalTimeSchema, end: LocalTimeSchema, startInstant: Instant, endInstant: Instant });

export const SessionChangeSchema = Type.Object({
  kind: Type.Union(['added', 'moved', 'changed', 'cancelled', 'restored'].map((kind) => Type.Literal(kind))),
  sessionId: Type.String(),
  title: Type.String(),
  sequence: Type.Integer({ description: 'the session\'s iCalendar SEQUENCE after this release' }),
  fields: Type.Array(Type.String(), { description: 'other fields that changed: title, kind, description, speakers, track; `location` and `documents` when the meeting\'s changed, as every session\'s calendar event shows them' }),
  times: SessionTimesSchema,
  previous: Nullable(SessionTimesSchema),
});

export const ReleaseChangesSchema = Type.Object(
  {
    published: Type.Boolean({ description: 'true on the first release' }),
    meetingCancelled: Type.Boolean(),
    meeting: Type.Array(Type.String(), { description: 'meeting fields that changed: title, description, location, timeZone, documents' }),
    sessions: Type.Array(SessionChangeSchema),
  },
  { $id: 'ReleaseChanges' },
);

export const ReleaseSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    label: Type.String({ examples: ['Rev.1'] }),
    note: Nullable(Type.String()),
    notify: Type.Boolean(),
    releasedAt: Instant,
    releasedBy: Type.String(),
    cancelled: Type.Boolean(),
    changes: Type.Ref('ReleaseChanges'),
  },
  { $id: 'Release', description: 'a published version of the agenda and what changed in it', examples: [RELEASE_EXAMPLE] },
);

export const ReleaseListSchema = Type.Object(
  { releases: Type.Array(Type.Ref('Release')), next: NextCursor },
  { description: 'One page of the meeting\'s releases, oldest first, each with what changed in it, and the cursor of the next.', examples: [RELEASE_LIST_EXAMPLE] },
);

export const DraftChangesSchema = Type.Object(
  {
    basedOnVersion: Nullable(Type.Integer({ description: 'the release the draft is compared with' })),
    nextVersion: Type.Integer(),
    releasable: Type.Boolean({ description: 'false when nothing a participant sees changed (a release would be a 409)' }),
    changes: Type.Ref('ReleaseChanges'),
    notices: Type.Integer({ description: 'notices the release would send: one per active subscriber concerned' }),
  },
  {
    description: 'The diff the next release would carry against the latest one, and how many notices it would send; `ETag` is the meeting\'s revision.',
    examples: [DRAFT_CHANGES_EXAMPLE],
  },
);

const ProjectedTimeSchema = Type.Object({
  instant: Instant,
  meeting: LocalDateTime,
  meetingOffset: Type.String({ examples: ['+01:00'] }),
  local: LocalDateTime,
  offset: Type.String({ examples: ['-05:00'] }),
  abbreviation: Type.String({ examples: ['EST', 'GMT+1'] }),
  dayShift: Type.Integer({ description: "the viewer's local date minus the meeting's local date of the same instant" }),
  text: Type.Object({ date: Type.String(), time: Type.String(), dateTime: Type.String() }),
});

export const AgendaSchema = Type.Object(
  {
    meeting: Type.Object({
      id: Type.String(),
      title: Type.String(),
      timeZone: TimeZone,
      description: Nullable(Type.String()),
      location: Nullable(LocationSchema),
      documents: Type.Array(DocumentSchema),
      cancelled: Type.Boolean(),
    }),
    timeZone: TimeZone,
    locale: Type.String(),
    version: Type.Integer(),
    label: Type.String(),
    releasedAt: Instant,
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        kind: SessionKindSchema,
        track: Nullable(Type.String()),
        status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
        description: Nullable(Type.String()),
        speakers: Type.Array(SpeakerSchema),
        start: ProjectedTimeSchema,
        end: ProjectedTimeSchema,
        durationMinutes: Type.Number({ description: 'minutes from start to end: a fraction when a time has seconds (`09:00:30`)' }),
        sequence: Type.Integer(),
      }),
    ),
    links: LinksSchema,
  },
  { $id: 'Agenda', description: 'a released agenda projected into a viewer\'s zone and language', examples: [AGENDA_EXAMPLE] },
);

export const HistorySchema = Type.Object(
  {
    next: NextCursor,
    events: Type.Array(
      Type.Object({
        id: Type.String(),
        revision: Type.Integer(),
        type: Type.String(),
        data: Type.Unknown(),
        actor: Type.String(),
        occurredAt: Instant,
        recordedAt: Instant,
        correlationId: Type.String(),
      }),
    ),
  },
  { description: 'One page of the events of the meeting\'s stream, oldest first (what changed, who did it, when), and the cursor of the next.', examples: [HISTORY_EXAMPLE] },
);
