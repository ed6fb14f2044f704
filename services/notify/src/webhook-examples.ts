// Examples of the webhook payloads in the OpenAPI document's `webhooks`: what a subscriber in
// Asia/Tokyo (UTC+9, "GMT+9" in en-GB) receives about the reference meeting ("Meeting on local
// government and human rights", Europe/Zurich, 26 November 2025). The linter checks each against
// its schema.
import { MEETING_ID, SUBSCRIPTION_ID } from './examples.ts';

const MEETING = { id: MEETING_ID, title: 'Meeting on local government and human rights', timeZone: 'Europe/Zurich' };
const SUBSCRIBER = { timeZone: 'Asia/Tokyo', locale: 'en-GB', language: 'en' };
const SESSION_2_TITLE = 'Session 2: Engagement of local and regional governments with the United Nations human rights mechanisms';

/** One time on 26 November 2025 (CET, UTC+1), as the subscriber in Tokyo sees it: `HH:mm` in Zurich → in Tokyo. */
const time = (utc: string, meetingLocal: string, subscriberLocal: string, subscriberDayShift = 0) => ({
  utc: `2025-11-26T${utc}:00Z`,
  meeting: { local: `2025-11-26T${meetingLocal}`, offset: '+01:00', abbreviation: 'CET' },
  subscriber: {
    local: `2025-11-${26 + subscriberDayShift}T${subscriberLocal}`,
    offset: '+09:00',
    abbreviation: 'GMT+9',
    timeZone: 'Asia/Tokyo',
    dayShift: subscriberDayShift,
  },
});

const release = (version: number, note: string | null, releasedAt: string) => ({
  meeting: MEETING,
  version,
  label: `Rev.${version}`,
  note,
  releasedAt,
  subscriber: SUBSCRIBER,
});

const REV_2 = release(2, 'Session 2 starts half an hour earlier', '2025-11-18T09:30:00Z');
const REV_3 = release(3, null, '2025-11-21T16:00:00Z');

/** Rev.2 moved session 2 from 15:00–16:45 to 14:30–16:15 in Zurich: it now ends after midnight in Tokyo. */
const SESSION_2_MOVED = {
  kind: 'moved',
  sessionId: 'session-2',
  title: SESSION_2_TITLE,
  sequence: 1,
  fields: [],
  status: 'scheduled',
  start: time('13:30', '14:30', '22:30'),
  end: time('15:15', '16:15', '00:15', 1),
  previous: { start: time('14:00', '15:00', '23:00'), end: time('15:45', '16:45', '00:45', 1) },
};

const envelope = (type: string, timestamp: string, data: unknown) => ({ type, timestamp, data });

const PAGE_URL = `https://meridian.example.org/m/${MEETING_ID}`;
const FEED_URL = `https://meridian.example.org/meetings/${MEETING_ID}/calendar.ics`;
const UNSUBSCRIBE_URL = `https://notify.meridian.example.org/subscriptions/${SUBSCRIPTION_ID}/unsubscribe?token=ZPkgqhQ61993ldv2VvTDHsjGhZM0Z_HZGYlIR8c1R74`;

/** The digest an e-mail would render, structured, in the subscriber's language. */
const digest = (fields: Record<string, unknown>) => ({
  language: 'en',
  locale: 'en-GB',
  lang: 'en',
  dir: 'ltr',
  heading: MEETING.title,
  zones: 'Times are given in the meeting’s time zone (Europe/Zurich) and in yours (Asia/Tokyo).',
  meetingChanges: null,
  ...fields,
  links: [
    { rel: 'page', label: 'View the agenda', url: PAGE_URL, text: `View the agenda: ${PAGE_URL}` },
    { rel: 'feed', label: 'Calendar feed', url: FEED_URL, text: `Calendar feed: ${FEED_URL}` },
    { rel: 'unsubscribe', label: 'Unsubscribe', url: UNSUBSCRIBE_URL, text: `Unsubscribe: ${UNSUBSCRIBE_URL}` },
  ],
  footer: `You receive this message because you subscribed to notices about ${MEETING.title}.`,
});

/** A session of the cancelled meeting, as the digest of `meeting.cancelled` lists it. */
const cancelledItem = (sessionId: string, title: string, times: string) => ({
  sessionId,
  kind: 'cancelled',
  label: 'Cancelled',
  title,
  heading: `Cancelled: ${title}`,
  time: `Was scheduled: Wednesday, 26 November 2025, ${times}`,
  previousTime: null,
  changedFields: null,
});

/** A session of the cancelled meeting, as `meeting.cancelled` lists it. */
const cancelledWithMeeting = (sessionId: string, title: string, sequence: number, start: ReturnType<typeof time>, end: ReturnType<typeof time>) => ({
  kind: 'cancelled',
  sessionId,
  title,
  sequence,
  fields: [],
  status: 'cancelled',
  start,
  end,
  previous: null,
});

const sessionEnvelope = (type: string, version: typeof REV_3, session: unknown) => envelope(type, version.releasedAt, { ...version, session });

/** The payload example of each webhook type. */
export const WEBHOOK_EXAMPLES: Readonly<Record<string, unknown>> = {
  'agenda.released': envelope('agenda.released', REV_2.releasedAt, {
    ...REV_2,
    published: false,
    meetingCancelled: false,
    meetingChanges: [],
    changes: [SESSION_2_MOVED],
    digest: digest({
      urgent: false,
      subject: 'Agenda updated (Rev.2): Meeting on local government and human rights',
      cancellation: null,
      lead: 'A new version of the agenda has been released (Rev.2, 18 November 2025).',
      summary: '1 session has changed.',
      note: 'Note from the organisers: Session 2 starts half an hour earlier',
      sessions: {
        heading: 'Sessions',
        items: [
          {
            sessionId: 'session-2',
            kind: 'moved',
            label: 'Moved',
            title: SESSION_2_TITLE,
            heading: `Moved: ${SESSION_2_TITLE}`,
            time: 'Wednesday, 26 November 2025, 14:30–16:15 CET · 22:30–00:15 (+1 day) your time (GMT+9)',
            previousTime: 'Previously: Wednesday, 26 November 2025, 15:00–16:45 CET · 23:00–00:45 (+1 day) your time (GMT+9)',
            changedFields: null,
          },
        ],
      },
    }),
  }),
  'session.added': sessionEnvelope('session.added', REV_3, {
    kind: 'added',
    sessionId: 'side-event',
    title: 'Side event: Human rights cities network',
    sequence: 0,
    fields: [],
    status: 'scheduled',
    start: time('12:00', '13:00', '21:00'),
    end: time('13:00', '14:00', '22:00'),
    previous: null,
  }),
  'session.rescheduled': sessionEnvelope('session.rescheduled', REV_2, SESSION_2_MOVED),
  'session.changed': sessionEnvelope('session.changed', REV_3, {
    kind: 'changed',
    sessionId: 'opening',
    title: 'Opening',
    sequence: 1,
    fields: ['title'],
    status: 'scheduled',
    start: time('08:00', '09:00', '17:00'),
    end: time('08:20', '09:20', '17:20'),
    previous: null,
  }),
  'session.cancelled': sessionEnvelope('session.cancelled', REV_3, {
    kind: 'cancelled',
    sessionId: 'closing',
    title: 'Closing session',
    sequence: 1,
    fields: [],
    status: 'cancelled',
    start: time('15:45', '16:45', '00:45', 1),
    end: time('16:00', '17:00', '01:00', 1),
    previous: null,
  }),
  'session.restored': sessionEnvelope('session.restored', release(4, null, '2025-11-24T10:00:00Z'), {
    kind: 'restored',
    sessionId: 'closing',
    title: 'Closing session',
    sequence: 2,
    fields: [],
    status: 'scheduled',
    start: time('15:45', '16:45', '00:45', 1),
    end: time('16:00', '17:00', '01:00', 1),
    previous: null,
  }),
  'meeting.cancelled': envelope('meeting.cancelled', '2025-11-25T08:00:00Z', {
    ...release(5, 'The meeting is postponed to 2026; a new date will be announced.', '2025-11-25T08:00:00Z'),
    published: false,
    meetingCancelled: true,
    meetingChanges: [],
    changes: [
      cancelledWithMeeting('opening', 'Opening', 2, time('08:00', '09:00', '17:00'), time('08:20', '09:20', '17:20')),
      cancelledWithMeeting('session-1', 'Session 1: Human rights cities', 1, time('08:20', '09:20', '17:20'), time('10:00', '11:00', '19:00')),
      cancelledWithMeeting('session-2', SESSION_2_TITLE, 2, time('13:30', '14:30', '22:30'), time('15:15', '16:15', '00:15', 1)),
      cancelledWithMeeting('closing', 'Closing session', 3, time('15:45', '16:45', '00:45', 1), time('16:00', '17:00', '01:00', 1)),
    ],
    digest: digest({
      urgent: true,
      subject: 'Meeting cancelled: Meeting on local government and human rights',
      cancellation: {
        heading: 'This meeting is cancelled.',
        text: 'The meeting will not take place. All its sessions are cancelled; calendars that follow the agenda show them as cancelled.',
        reason: 'Reason given: The meeting is postponed to 2026; a new date will be announced.',
      },
      lead: 'A new version of the agenda has been released (Rev.5, 25 November 2025).',
      summary: null,
      note: null,
      sessions: {
        heading: 'Sessions',
        items: [
          cancelledItem('opening', 'Opening', '09:00–09:20 CET · 17:00–17:20 your time (GMT+9)'),
          cancelledItem('session-1', 'Session 1: Human rights cities', '09:20–11:00 CET · 17:20–19:00 your time (GMT+9)'),
          cancelledItem('session-2', SESSION_2_TITLE, '14:30–16:15 CET · 22:30–00:15 (+1 day) your time (GMT+9)'),
          cancelledItem('closing', 'Closing session', '16:45–17:00 CET · 00:45–01:00 your time (GMT+9, +1 day)'),
        ],
      },
    }),
  }),
  'reminder.due': envelope('reminder.due', '2025-11-26T08:05:00Z', {
    meeting: MEETING,
    session: {
      id: 'session-1',
      title: 'Session 1: Human rights cities',
      start: time('08:20', '09:20', '17:20'),
      end: time('10:00', '11:00', '19:00'),
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
    },
    minutesBefore: 15,
    dueAt: '2025-11-26T08:05:00Z',
    subscriber: SUBSCRIBER,
  }),
  'webhook.ping': envelope('webhook.ping', '2025-11-18T10:00:00Z', { subscriptionId: SUBSCRIPTION_ID, meetingId: MEETING_ID }),
};
