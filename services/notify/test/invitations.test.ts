import t from 'tap';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN, type TestSystem } from './support/system.ts';

t.setTimeout(120_000);

const CONFIRM_LINK = /https:\/\/notify\.meridian\.test(\/subscriptions\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]+)/;

/** The events of a calendar by UID, as an independent parser (Thunderbird's) reads them. */
const eventsOf = (ics: string) => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const method = calendar.getFirstPropertyValue('method');
  const events = new Map(
    calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return [event.uid, { sequence: event.sequence, start: event.startDate.toJSDate().toISOString(), status: vevent.getFirstPropertyValue('status') }];
    }),
  );
  return { method, events };
};

const invitationsIn = (mails: readonly ParsedMail[]) =>
  mails.flatMap((mail) => mail.attachments.filter((part) => part.contentType.startsWith('text/calendar')).map((part) => eventsOf(part.content.toString('utf8'))));

const feedOf = async (system: TestSystem, meetingId: string) => eventsOf((await system.schedule.inject({ url: `/meetings/${meetingId}/calendar.ics` })).body).events;

t.test('each invitation carries the UID and SEQUENCE of the same session in the schedule feed', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'America/New_York', locale: 'en', channel: { type: 'email', address: 'delegate@example.org' }, invitations: true },
  });
  t.equal(created.statusCode, 201, created.body);
  const [confirmation] = await system.smtp.waitFor(1);
  t.equal((await system.notify.inject({ method: 'POST', url: CONFIRM_LINK.exec(confirmation!.text ?? '')![1]! })).statusCode, 200);

  // one release that moves a session and cancels another
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  await system.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const mails = await system.smtp.waitFor(4); // confirmation, digest, two invitations
  await new Promise((resolve) => setTimeout(resolve, 300));

  const invitations = invitationsIn(mails);
  t.same(invitations.map(({ method }) => method).sort(), ['CANCEL', 'REQUEST'], 'a REQUEST for the moved session, a CANCEL for the cancelled one');
  const feed = await feedOf(system, meetingId);
  for (const { method, events } of invitations) {
    t.equal(events.size, 1, `${method}: one session per invitation`);
    for (const [uid, invited] of events) {
      const published = feed.get(uid);
      t.ok(published, `${method}: the feed has ${uid}`);
      t.equal(invited.sequence, published?.sequence, `${method}: SEQUENCE ${invited.sequence} as in the feed`);
      t.equal(invited.start, published?.start, `${method}: the same start instant`);
      t.ok(invited.sequence > 0, 'a change raised it');
    }
  }
  t.equal(invitations.find(({ method }) => method === 'REQUEST')?.events.values().next().value?.start, '2025-11-26T14:30:00.000Z', '15:30 in Geneva');
});
