/**
 * The reference meeting, built the way the system builds it: domain events folded with `evolve`,
 * releases decided by the domain's own `decide`. Never a hand-built state.
 */
import {
  changesConcerning,
  decide,
  evolve,
  initialState,
  Temporal,
  type ExistingMeeting,
  type MeetingCommand,
  type MeetingEvent,
  type Release,
} from '@meridian/domain';
import type { NoticeLinks, Recipient, ReleaseNoticeInput } from '../src/index.ts';

export const MEETING_ID = 'm-1';
export const TITLE = 'Meeting on local government and human rights';
export const JOIN_URL = 'https://teams.example.org/l/meetup-join/abc';
export const CREATED_AT = Temporal.Instant.from('2025-11-01T10:00:00Z');
export const FIRST_RELEASE_AT = Temporal.Instant.from('2025-11-10T08:00:00Z');
export const SECOND_RELEASE_AT = Temporal.Instant.from('2025-11-20T09:00:00Z');

export const links: NoticeLinks = {
  page: 'https://meridian.example.org/meetings/m-1/agenda',
  feed: 'webcal://meridian.example.org/meetings/m-1/calendar.ics',
  unsubscribe: 'https://meridian.example.org/unsubscribe?token=abc&s=1',
};

export const meetingCreated = (title = TITLE, timeZone = 'Europe/Zurich'): MeetingEvent => ({
  type: 'MeetingCreated',
  data: {
    meetingId: MEETING_ID,
    organiser: 'ohchr',
    title,
    timeZone,
    description: null,
    location: { name: 'Online (MS Teams)', url: JOIN_URL },
    documents: [],
    createdAt: CREATED_AT.toString(),
  },
});

export const sessionAdded = (sessionId: string, title: string, start: string, end: string): MeetingEvent => ({
  type: 'SessionAdded',
  data: {
    sessionId,
    title,
    kind: 'panel',
    track: null,
    start: { local: start, disambiguation: null },
    end: { local: end, disambiguation: null },
    description: null,
    speakers: [],
    addedAt: CREATED_AT.toString(),
  },
});

export const rescheduled = (sessionId: string, start: string, end: string): MeetingEvent => ({
  type: 'SessionRescheduled',
  data: { sessionId, start: { local: start, disambiguation: null }, end: { local: end, disambiguation: null } },
});

export const stateOf = (events: readonly MeetingEvent[]): ExistingMeeting => {
  const state = events.reduce(evolve, initialState());
  if (!state.exists) throw new Error('the history creates no meeting');
  return state;
};

const command = (type: MeetingCommand['type'], data: Record<string, unknown>, now: Temporal.Instant): MeetingCommand =>
  ({ type, meetingId: MEETING_ID, data, context: { actor: 'ohchr', now } }) as MeetingCommand;

/** The history with the events the domain decides for a command appended. */
export const decided = (
  history: readonly MeetingEvent[],
  type: MeetingCommand['type'],
  data: Record<string, unknown>,
  now: Temporal.Instant,
): MeetingEvent[] => [...history, ...decide(command(type, data, now), stateOf(history))];

/** The history with a release of the draft appended, as `POST /releases` decides it. */
export const released = (history: readonly MeetingEvent[], now: Temporal.Instant, data: Record<string, unknown> = {}) =>
  decided(history, 'ReleaseAgenda', data, now);

export const opening = sessionAdded('opening', 'Opening session', '2025-11-26T09:00', '2025-11-26T09:20');
export const session1 = sessionAdded('s1', 'Session 1: Human rights cities', '2025-11-26T09:20', '2025-11-26T11:00');
export const session2 = sessionAdded('s2', 'Session 2: Local action for human rights', '2025-11-26T15:00', '2025-11-26T16:30');

/** Rev.1: the reference agenda as first published. */
export const firstRelease = (): MeetingEvent[] => released([meetingCreated(), opening, session1, session2], FIRST_RELEASE_AT);

/** Rev.2: Session 2 moved from 15:00–16:30 to 15:30–17:00 Geneva time. */
export const secondRelease = (): MeetingEvent[] =>
  released([...firstRelease(), rescheduled('s2', '2025-11-26T15:30', '2025-11-26T17:00')], SECOND_RELEASE_AT, {
    note: 'Session 2 starts half an hour later.',
  });

/** The notice input of the last release of a history for one recipient (changes that concern all sessions). */
export const noticeOf = (history: readonly MeetingEvent[], recipient: Recipient): ReleaseNoticeInput => {
  const meeting = stateOf(history);
  const release = meeting.releases.at(-1) as Release;
  const changes = changesConcerning(release.changes, { sessionIds: null });
  if (changes === null) throw new Error('nothing concerns this subscriber');
  return { meeting, release, changes, recipient, links };
};

/** U+2068 … U+2069 around a value: how expected right-to-left strings write an isolated value. */
export const iso = (value: string): string => `\u2068${value}\u2069`;
