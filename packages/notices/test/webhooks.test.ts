import t from 'tap';
import { Temporal } from '@meridian/domain';
import { releaseWebhookData, sessionWebhookEvents } from '../src/index.ts';
import { decided, firstRelease, MEETING_ID, noticeOf, secondRelease, TITLE } from './given.ts';

const tokyo = { timeZone: 'Asia/Tokyo', locale: 'en-GB' };

t.test('agenda.released carries the release, each change with its times on three clocks, and the digest', async (t) => {
  const input = noticeOf(secondRelease(), tokyo);
  const data = releaseWebhookData(input);
  const [domainChange] = input.changes.sessions;
  t.match(data, {
    meeting: { id: MEETING_ID, title: TITLE, timeZone: 'Europe/Zurich' },
    version: 2,
    label: 'Rev.2',
    note: 'Session 2 starts half an hour later.',
    releasedAt: '2025-11-20T09:00:00Z',
    published: false,
    meetingCancelled: false,
    meetingChanges: [],
    subscriber: { timeZone: 'Asia/Tokyo', locale: 'en-GB', language: 'en' },
    digest: { subject: `Agenda updated (Rev.2): ${TITLE}` },
  });
  t.same(data.changes, [
    {
      kind: 'moved',
      sessionId: 's2',
      title: 'Session 2: Local action for human rights',
      sequence: 1,
      fields: [],
      status: 'scheduled',
      start: {
        utc: '2025-11-26T14:30:00Z',
        meeting: { local: '2025-11-26T15:30', offset: '+01:00', abbreviation: 'CET' },
        subscriber: { local: '2025-11-26T23:30', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 0 },
      },
      end: {
        utc: '2025-11-26T16:00:00Z',
        meeting: { local: '2025-11-26T17:00', offset: '+01:00', abbreviation: 'CET' },
        subscriber: { local: '2025-11-27T01:00', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 1 },
      },
      previous: {
        start: {
          utc: '2025-11-26T14:00:00Z',
          meeting: { local: '2025-11-26T15:00', offset: '+01:00', abbreviation: 'CET' },
          subscriber: { local: '2025-11-26T23:00', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 0 },
        },
        end: {
          utc: '2025-11-26T15:30:00Z',
          meeting: { local: '2025-11-26T16:30', offset: '+01:00', abbreviation: 'CET' },
          subscriber: { local: '2025-11-27T00:30', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 1 },
        },
      },
    },
  ]);
  t.test('its UTC times are the domain’s instants, unchanged', async (t) => {
    t.equal(data.changes[0]?.start.utc, domainChange?.times.startInstant);
    t.equal(data.changes[0]?.end.utc, domainChange?.times.endInstant);
    t.equal(data.changes[0]?.previous?.start.utc, domainChange?.previous?.startInstant);
    t.equal(data.changes[0]?.previous?.end.utc, domainChange?.previous?.endInstant);
  });
});

t.test('the data is deterministic and plain JSON', async (t) => {
  const input = noticeOf(secondRelease(), tokyo);
  const once = JSON.stringify(releaseWebhookData(input));
  t.equal(JSON.stringify(releaseWebhookData(noticeOf(secondRelease(), tokyo))), once);
  t.same(JSON.parse(once), releaseWebhookData(input));
});

t.test('per-session events name each change by its webhook type, with the same time shape', async (t) => {
  const moved = sessionWebhookEvents(noticeOf(secondRelease(), { timeZone: 'America/New_York', locale: 'en-US' }));
  t.same(
    moved.map((event) => event.type),
    ['session.rescheduled'],
  );
  t.match(moved[0]?.data, {
    meeting: { id: MEETING_ID },
    version: 2,
    session: {
      sessionId: 's2',
      start: {
        utc: '2025-11-26T14:30:00Z',
        subscriber: { local: '2025-11-26T09:30', offset: '-05:00', abbreviation: 'EST', timeZone: 'America/New_York', dayShift: 0 },
      },
    },
  });
  t.same(
    sessionWebhookEvents(noticeOf(firstRelease(), tokyo)).map((event) => event.type),
    ['session.added', 'session.added', 'session.added'],
  );
  const cancelled = decided(firstRelease(), 'CancelMeeting', { reason: null }, Temporal.Instant.from('2025-11-21T07:00:00Z'));
  t.same(
    sessionWebhookEvents(noticeOf(cancelled, tokyo)).map((event) => [event.type, event.data.session.status]),
    [
      ['session.cancelled', 'cancelled'],
      ['session.cancelled', 'cancelled'],
      ['session.cancelled', 'cancelled'],
    ],
  );
  t.equal(releaseWebhookData(noticeOf(cancelled, tokyo)).meetingCancelled, true);
});
