import t from 'tap';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { sessionUid } from '@meridian/calendar';
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

/** An e-mail subscriber to the reference meeting (released as Rev.1), confirmed, with these preferences. */
const confirmedSubscriber = async (system: TestSystem, meetingId: string, preferences: Record<string, unknown>) => {
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'America/New_York', locale: 'en', channel: { type: 'email', address: 'delegate@example.org' }, ...preferences },
  });
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const [confirmation] = await system.smtp.waitFor(1);
  const confirmed = await system.notify.inject({ method: 'POST', url: CONFIRM_LINK.exec(confirmation!.text ?? '')![1]! });
  return { id, manageToken, created: created.statusCode, confirmed: confirmed.statusCode };
};

/** The mails received after the first `count`, once `total` have arrived (and a moment for any extra one). */
const mailsAfter = async (system: TestSystem, count: number, total: number) => {
  await system.smtp.waitFor(total);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return system.smtp.mails.slice(count);
};

t.test('each invitation carries the UID and SEQUENCE of the same session in the schedule feed', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  t.match(await confirmedSubscriber(system, meetingId, { invitations: true }), { created: 201, confirmed: 200 });
  const agenda = invitationsIn(await mailsAfter(system, 1, 5)); // the confirmation, then the agenda's four sessions

  // one release that moves a session and cancels another
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  await system.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const invitations = invitationsIn(await mailsAfter(system, 5, 8)); // the digest, two invitations
  t.equal(system.smtp.mails.length, 8, 'nothing else');

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
      t.ok(agenda.some((held) => held.events.has(uid)), `${method}: of a session the calendar holds since the subscriber confirmed`);
    }
  }
  t.equal(invitations.find(({ method }) => method === 'REQUEST')?.events.values().next().value?.start, '2025-11-26T14:30:00.000Z', '15:30 in Geneva');
});

t.test('a subscriber who confirms after a release gets an invitation to each session already on the agenda', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  await confirmedSubscriber(system, meetingId, { invitations: true, sessionIds: ['opening', 'session-2'] });
  const agenda = invitationsIn(await mailsAfter(system, 1, 3));
  t.same(agenda.map(({ method }) => method), ['REQUEST', 'REQUEST'], 'one REQUEST per session followed');
  const feed = await feedOf(system, meetingId);
  t.same(
    agenda.flatMap(({ events }) => [...events].map(([uid, { sequence, start }]) => [uid, sequence, start])).sort(),
    ['opening', 'session-2'].map((sessionId) => sessionUid(meetingId, sessionId)).map((uid) => [uid, feed.get(uid)?.sequence, feed.get(uid)?.start]).sort(),
    'their UIDs, SEQUENCEs and starts are the feed\'s',
  );
  t.equal(system.smtp.mails.length, 3, 'no digest: nothing changed since they subscribed');
});

t.test('asking for invitations later, or following one more session, sends only what the calendar lacks', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const { id, manageToken } = await confirmedSubscriber(system, meetingId, { sessionIds: ['opening'] });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(system.smtp.mails.length, 1, 'no invitations asked for: the confirmation only');
  const patch = (payload: Record<string, unknown>) =>
    system.notify.inject({ method: 'PATCH', url: `/subscriptions/${id}`, headers: { authorization: `Bearer ${manageToken}` }, payload });

  t.equal((await patch({ invitations: true })).statusCode, 200);
  t.equal(invitationsIn(await mailsAfter(system, 1, 2)).length, 1, 'invitations asked for: the session followed');
  t.equal((await patch({ sessionIds: ['opening', 'closing'] })).statusCode, 200);
  t.equal(invitationsIn(await mailsAfter(system, 2, 3)).length, 1, 'one more session followed: its invitation only');
  t.equal((await patch({ timeZone: 'Asia/Tokyo' })).statusCode, 200);
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(system.smtp.mails.length, 3, 'another zone: nothing sent again');
});

t.test('a release made without notices still updates the calendars that hold its sessions through invitations', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  t.match(await confirmedSubscriber(system, meetingId, { invitations: true }), { created: 201, confirmed: 200 });
  await mailsAfter(system, 1, 5); // the confirmation, then the agenda's four sessions
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { notify: false } })).statusCode, 201);

  const after = await mailsAfter(system, 5, 6);
  t.equal(after.length, 1, 'no digest: only the invitation');
  const [update] = invitationsIn(after);
  t.equal(update?.method, 'REQUEST');
  const [uid, invited] = [...update!.events][0]!;
  const published = (await feedOf(system, meetingId)).get(uid);
  t.same(invited, published, 'the calendar holds what the feed shows: 15:30 in Geneva, SEQUENCE raised');
  t.equal(invited.start, '2025-11-26T14:30:00.000Z');
});

t.test('sessions a subscriber stops following, or all once they want no more invitations, leave their calendar: a CANCEL for them alone', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const { id, manageToken } = await confirmedSubscriber(system, meetingId, { invitations: true });
  const agenda = invitationsIn(await mailsAfter(system, 1, 5));
  const uidOf = (sessionId: string) => sessionUid(meetingId, sessionId);
  t.same(agenda.map(({ events }) => [...events.keys()][0]).sort(), ['opening', 'session-1', 'session-2', 'closing'].map(uidOf).sort());
  const change = (preferences: Record<string, unknown>) =>
    system.notify.inject({ method: 'PATCH', url: `/subscriptions/${id}`, headers: { authorization: `Bearer ${manageToken}` }, payload: preferences });
  const sessionsOf = (invitations: ReturnType<typeof invitationsIn>, method: string) =>
    invitations.filter((invitation) => invitation.method === method).flatMap(({ events }) => [...events.keys()]).sort();

  t.equal((await change({ sessionIds: ['opening', 'session-1'] })).statusCode, 200);
  const dropped = invitationsIn(await mailsAfter(system, 5, 7));
  t.same(sessionsOf(dropped, 'CANCEL'), [uidOf('session-2'), uidOf('closing')].sort(), 'the two sessions no longer followed');
  t.same(dropped.flatMap(({ events }) => [...events.values()].map((event) => event.status)), [null, null], 'no STATUS: the sessions go on (RFC 5546 3.2.5)');
  const feed = await feedOf(system, meetingId);
  for (const { events } of dropped) for (const [uid, event] of events) t.equal(event.sequence, feed.get(uid)?.sequence, 'SEQUENCE as in the feed');

  t.equal((await change({ sessionIds: null })).statusCode, 200);
  const refollowed = invitationsIn(await mailsAfter(system, 7, 9));
  t.same(sessionsOf(refollowed, 'REQUEST'), [uidOf('session-2'), uidOf('closing')].sort(), 'followed again: back in the calendar');

  t.equal((await change({ invitations: false })).statusCode, 200);
  const off = invitationsIn(await mailsAfter(system, 9, 13));
  t.same(sessionsOf(off, 'CANCEL'), ['opening', 'session-1', 'session-2', 'closing'].map(uidOf).sort(), 'no more invitations: every session leaves the calendar');
  t.equal(system.smtp.mails.length, 13, 'nothing else');
  t.match(system.smtp.mails.at(-1)?.text, /leaves your calendar, as you asked; the session itself is not cancelled/);
});
