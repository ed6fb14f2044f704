// Examples of the OpenAPI document: the reference meeting ("Meeting on local government and human
// rights", Europe/Zurich, 26 November 2025, online on MS Teams) as this service answers it, after
// Rev.1 published the programme and Rev.2 moved session 2 half an hour earlier. The linter checks
// every example against its schema.

export const MEETING_ID = 'local-government-human-rights-2025';

const LINKS = {
  agenda: `https://meridian.example.org/meetings/${MEETING_ID}/agenda`,
  calendar: `https://meridian.example.org/meetings/${MEETING_ID}/calendar.ics`,
  webcal: `webcal://meridian.example.org/meetings/${MEETING_ID}/calendar.ics`,
  page: `https://meridian.example.org/m/${MEETING_ID}`,
};

const LOCATION = { name: 'Online (MS Teams)', url: 'https://teams.microsoft.com/l/meetup-join/example' };
const TITLE = 'Meeting on local government and human rights';
const SESSION_2_TITLE = 'Session 2: Engagement of local and regional governments with the United Nations human rights mechanisms';
const CREATED_AT = '2025-11-03T10:15:00Z';

/** A session of the draft, as `Session` gives it: wall times in Europe/Zurich (UTC+1 in November). */
const draftSession = (id: string, title: string, kind: string, [start, end]: [string, string], [startInstant, endInstant]: [string, string]) => ({
  id,
  title,
  kind,
  track: null,
  start: `2025-11-26T${start}`,
  end: `2025-11-26T${end}`,
  startDisambiguation: null,
  endDisambiguation: null,
  startInstant: `2025-11-26T${startInstant}:00Z`,
  endInstant: `2025-11-26T${endInstant}:00Z`,
  description: null,
  speakers: [],
  status: 'scheduled',
  addedAt: '2025-11-03T10:16:00Z',
});

export const SESSION_EXAMPLE = draftSession('session-1', 'Session 1: Human rights cities', 'panel', ['09:20', '11:00'], ['08:20', '10:00']);

export const MEETING_EXAMPLE = {
  id: MEETING_ID,
  organiser: 'ohchr',
  title: TITLE,
  description: null,
  location: LOCATION,
  timeZone: 'Europe/Zurich',
  documents: [],
  status: 'active',
  createdAt: CREATED_AT,
  revision: 8,
  releasedVersion: 2,
  sessions: [
    draftSession('opening', 'Opening session', 'opening', ['09:00', '09:20'], ['08:00', '08:20']),
    SESSION_EXAMPLE,
    draftSession('session-2', SESSION_2_TITLE, 'panel', ['14:30', '16:15'], ['13:30', '15:15']),
    draftSession('closing', 'Closing session', 'closing', ['16:45', '17:00'], ['15:45', '16:00']),
  ],
  links: LINKS,
};

export const MEETING_LIST_EXAMPLE = {
  meetings: [
    {
      id: MEETING_ID,
      title: TITLE,
      timeZone: 'Europe/Zurich',
      status: 'active',
      releasedVersion: 2,
      firstSessionStart: '2025-11-26T08:00:00Z',
      draft: false,
      links: LINKS,
    },
  ],
  next: null,
};

export const HISTORY_EXAMPLE = {
  next: null,
  events: [
    {
      id: 'bd87f52c-c005-475f-86dd-305d307a6634',
      revision: 1,
      type: 'MeetingCreated',
      data: { meetingId: MEETING_ID, organiser: 'ohchr', title: TITLE, timeZone: 'Europe/Zurich', description: null, location: LOCATION, documents: [], createdAt: CREATED_AT },
      actor: 'ohchr',
      occurredAt: CREATED_AT,
      recordedAt: '2025-11-03T10:15:00.212Z',
      correlationId: '3e129cb5-1dd9-4fb6-87ee-48cb4f5178bf',
    },
    {
      id: 'c7fc741a-374d-474a-98a9-948cd08eb96b',
      revision: 2,
      type: 'SessionAdded',
      data: {
        sessionId: 'opening',
        title: 'Opening session',
        kind: 'opening',
        track: null,
        start: { local: '2025-11-26T09:00', disambiguation: null },
        end: { local: '2025-11-26T09:20', disambiguation: null },
        description: null,
        speakers: [],
        addedAt: '2025-11-03T10:16:00Z',
      },
      actor: 'ohchr',
      occurredAt: '2025-11-03T10:16:00Z',
      recordedAt: '2025-11-03T10:16:00.087Z',
      correlationId: '8ba051bd-19dd-45f3-aa3a-46b1503adbb8',
    },
  ],
};

/** Wall times in Europe/Zurich and their instants, as a release diff gives them. */
const times = ([start, end]: [string, string], [startInstant, endInstant]: [string, string]) => ({
  start: { local: `2025-11-26T${start}`, disambiguation: null },
  end: { local: `2025-11-26T${end}`, disambiguation: null },
  startInstant: `2025-11-26T${startInstant}:00Z`,
  endInstant: `2025-11-26T${endInstant}:00Z`,
});

const added = (sessionId: string, title: string, wall: [string, string], instants: [string, string]) => ({
  kind: 'added',
  sessionId,
  title,
  sequence: 0,
  fields: [],
  times: times(wall, instants),
  previous: null,
});

/** Rev.2: session 2 moved from 15:00–16:45 to 14:30–16:15. */
const SECOND_RELEASE_CHANGES = {
  published: false,
  meetingCancelled: false,
  meeting: [],
  sessions: [
    {
      kind: 'moved',
      sessionId: 'session-2',
      title: SESSION_2_TITLE,
      sequence: 1,
      fields: [],
      times: times(['14:30', '16:15'], ['13:30', '15:15']),
      previous: times(['15:00', '16:45'], ['14:00', '15:45']),
    },
  ],
};

export const FIRST_RELEASE_EXAMPLE = {
  version: 1,
  label: 'Rev.1',
  note: 'First programme',
  notify: true,
  releasedAt: '2025-11-10T14:00:00Z',
  releasedBy: 'ohchr',
  cancelled: false,
  changes: {
    published: true,
    meetingCancelled: false,
    meeting: [],
    sessions: [
      added('opening', 'Opening session', ['09:00', '09:20'], ['08:00', '08:20']),
      added('session-1', 'Session 1: Human rights cities', ['09:20', '11:00'], ['08:20', '10:00']),
      added('session-2', SESSION_2_TITLE, ['15:00', '16:45'], ['14:00', '15:45']),
      added('closing', 'Closing session', ['16:45', '17:00'], ['15:45', '16:00']),
    ],
  },
};

export const RELEASE_EXAMPLE = {
  version: 2,
  label: 'Rev.2',
  note: 'Session 2 starts half an hour earlier',
  notify: true,
  releasedAt: '2025-11-18T09:30:00Z',
  releasedBy: 'ohchr',
  cancelled: false,
  changes: SECOND_RELEASE_CHANGES,
};

export const RELEASE_LIST_EXAMPLE = { releases: [FIRST_RELEASE_EXAMPLE, RELEASE_EXAMPLE], next: null };

export const DRAFT_CHANGES_EXAMPLE = { basedOnVersion: 1, nextVersion: 2, releasable: true, changes: SECOND_RELEASE_CHANGES, notices: 12 };

/** One end of a session seen from Asia/Tokyo (UTC+9, "GMT+9" in en-GB). */
const inTokyo = (instant: string, meeting: string, local: string, dayShift: number, date: string) => ({
  instant: `${instant}:00Z`,
  meeting,
  meetingOffset: '+01:00',
  local,
  offset: '+09:00',
  abbreviation: 'GMT+9',
  dayShift,
  text: { date, time: local.slice(11), dateTime: `${date} at ${local.slice(11)}` },
});

const WEDNESDAY = 'Wednesday, 26 November 2025';
const THURSDAY = 'Thursday, 27 November 2025';

const agendaSession = (id: string, title: string, kind: string, start: ReturnType<typeof inTokyo>, end: ReturnType<typeof inTokyo>, durationMinutes: number, sequence: number) => ({
  id,
  title,
  kind,
  track: null,
  status: 'scheduled',
  description: null,
  speakers: [],
  start,
  end,
  durationMinutes,
  sequence,
});

/** Rev.2 in Asia/Tokyo: session 2 ends, and the closing happens, on the next day there. */
export const AGENDA_EXAMPLE = {
  meeting: { id: MEETING_ID, title: TITLE, timeZone: 'Europe/Zurich', description: null, location: LOCATION, documents: [], cancelled: false },
  timeZone: 'Asia/Tokyo',
  locale: 'en-GB',
  version: 2,
  label: 'Rev.2',
  releasedAt: '2025-11-18T09:30:00Z',
  sessions: [
    agendaSession(
      'opening',
      'Opening session',
      'opening',
      inTokyo('2025-11-26T08:00', '2025-11-26T09:00', '2025-11-26T17:00', 0, WEDNESDAY),
      inTokyo('2025-11-26T08:20', '2025-11-26T09:20', '2025-11-26T17:20', 0, WEDNESDAY),
      20,
      0,
    ),
    agendaSession(
      'session-1',
      'Session 1: Human rights cities',
      'panel',
      inTokyo('2025-11-26T08:20', '2025-11-26T09:20', '2025-11-26T17:20', 0, WEDNESDAY),
      inTokyo('2025-11-26T10:00', '2025-11-26T11:00', '2025-11-26T19:00', 0, WEDNESDAY),
      100,
      0,
    ),
    agendaSession(
      'session-2',
      SESSION_2_TITLE,
      'panel',
      inTokyo('2025-11-26T13:30', '2025-11-26T14:30', '2025-11-26T22:30', 0, WEDNESDAY),
      inTokyo('2025-11-26T15:15', '2025-11-26T16:15', '2025-11-27T00:15', 1, THURSDAY),
      105,
      1,
    ),
    agendaSession(
      'closing',
      'Closing session',
      'closing',
      inTokyo('2025-11-26T15:45', '2025-11-26T16:45', '2025-11-27T00:45', 1, THURSDAY),
      inTokyo('2025-11-26T16:00', '2025-11-26T17:00', '2025-11-27T01:00', 1, THURSDAY),
      15,
      0,
    ),
  ],
  links: LINKS,
};

const FEED_ID = '1e938420-5253-4026-97ec-8d9a5a2239ed';
const FEED_URL = `https://meridian.example.org/feeds/${FEED_ID}/Ly2hy65D3oqzbWtAncdwIM-oAWkZCtRSrsMBtJix-pw.ics`;

export const PERSONAL_FEED_EXAMPLE = {
  id: FEED_ID,
  url: FEED_URL,
  webcal: FEED_URL.replace(/^https:/, 'webcal:'),
  sessionIds: ['session-1', 'session-2'],
  reminders: [15],
};
