import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { Temporal } from '@meridian/domain';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

t.setTimeout(120_000);

const subscribe = (system: Awaited<ReturnType<typeof startSystem>>, body: Record<string, unknown>) =>
  system.notify.inject({ method: 'POST', url: '/subscriptions', payload: body });

t.test('a webhook subscriber gets one signed agenda.released per release, with times in its zone', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await subscribe(system, {
    meetingId,
    timeZone: 'America/New_York',
    locale: 'en-US',
    channel: { type: 'webhook', url: system.receiver.url },
    eventTypes: ['agenda.released', 'session.rescheduled'],
  });
  t.equal(created.statusCode, 201, created.body);
  const { id, secret, status } = created.json();
  t.match(secret, /^whsec_/);
  t.equal(status, 'active', 'webhooks need no confirmation');

  const moved = await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  t.equal(moved.statusCode, 200, moved.body);
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { label: 'Rev.2' } })).statusCode, 201);

  const [released, rescheduled] = await system.receiver.waitFor(2);
  const verifier = new Webhook(secret);
  const bodies = [released!, rescheduled!].map((webhook) =>
    verifier.verify(webhook.body, {
      'webhook-id': webhook.headers['webhook-id'] as string,
      'webhook-timestamp': webhook.headers['webhook-timestamp'] as string,
      'webhook-signature': webhook.headers['webhook-signature'] as string,
    }) as { type: string; data: Record<string, any> },
  );
  const byType = Object.fromEntries(bodies.map((body) => [body.type, body]));
  t.same(Object.keys(byType).sort(), ['agenda.released', 'session.rescheduled']);
  const change = byType['agenda.released']!.data.changes[0];
  t.match(change, {
    kind: 'moved',
    sessionId: 'session-2',
    start: {
      utc: '2025-11-26T14:30:00Z',
      meeting: { local: '2025-11-26T15:30', offset: '+01:00' },
      subscriber: { local: '2025-11-26T09:30', offset: '-05:00', timeZone: 'America/New_York', dayShift: 0 },
    },
    previous: { start: { utc: '2025-11-26T14:00:00Z' } },
  });
  t.equal(byType['agenda.released']!.data.version, 2);
  t.notOk(bodies.some((body) => body.type === 'session.added'), 'types it did not ask for are not sent');

  const delivered = async () =>
    (await system.notify.inject({ url: `/deliveries?status=delivered&meetingId=${meetingId}`, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } })).json()
      .deliveries as { subscriptionId: string; kind: string }[];
  let deliveries = await delivered();
  for (let attempt = 0; deliveries.length < 2 && attempt < 100; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    deliveries = await delivered();
  }
  t.same(deliveries.map((delivery) => [delivery.subscriptionId, delivery.kind]).sort(), [[id, 'agenda.released'], [id, 'session.rescheduled']]);
});

t.test('e-mail: double opt-in, then one digest per release in the subscriber\'s language and zone', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await subscribe(system, {
    meetingId,
    timeZone: 'Asia/Tokyo',
    locale: 'fr',
    channel: { type: 'email', address: 'participant@example.org' },
    reminders: [60],
  });
  t.equal(created.statusCode, 201, created.body);
  t.equal(created.json().status, 'pending');
  const [confirmation] = await system.smtp.waitFor(1);
  t.same(system.smtp.envelopes[0], ['participant@example.org'], 'one recipient per message');
  const link = /https:\/\/notify\.meridian\.test(\/subscriptions\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]+)/.exec(confirmation!.text ?? '')?.[1];
  t.ok(link, 'the confirmation mail carries its link');

  // Nothing but the confirmation before the participant confirms.
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title: 'Session 1: Human rights cities in practice' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(system.smtp.mails.length, 1, 'an unconfirmed subscriber gets nothing');

  const page = await system.notify.inject({ url: link! });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<form method="post">/);
  const confirmed = await system.notify.inject({ method: 'POST', url: link! });
  t.equal(confirmed.statusCode, 200);

  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const [, digest] = await system.smtp.waitFor(2);
  const header = (name: string) => digest!.headerLines.find((line) => line.key === name)?.line;
  t.equal(header('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  t.match(header('list-unsubscribe'), /^List-Unsubscribe:\s*<https:\/\/notify\.meridian\.test\/subscriptions\/[^>]+\/unsubscribe\?token=[^>]+>/);
  t.match(digest!.text, /23:30/, 'the new start in Tokyo time');
  t.match(digest!.html, /lang="fr"/);
  t.match(digest!.text, /https:\/\/meridian\.test\/m\/[^\s?]+\?tz=Asia%2FTokyo&lang=fr/, 'the agenda link opens in the subscriber\'s zone and language');

  const forged = await system.notify.inject({ method: 'POST', url: link!.replace(/token=.*/, 'token=forged') });
  t.equal(forged.statusCode, 403);
});

t.test('reminders fire at the right instant and never twice', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await subscribe(system, {
    meetingId,
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    channel: { type: 'webhook', url: system.receiver.url },
    eventTypes: ['reminder.due'],
    reminders: [15],
    sessionIds: ['session-1'],
  });
  t.equal(created.statusCode, 201);
  await waitUntil(() => (system.notify.notify.tables.reminders.nextDueAt() !== null ? true : undefined), 5_000, 'a planned reminder');
  // session-1 starts 2025-11-26T08:20Z: its reminder is due at 08:05Z.
  t.equal(system.notify.notify.tables.reminders.nextDueAt(), Date.parse('2025-11-26T08:05:00Z'));
  system.clock.instant = Temporal.Instant.from('2025-11-26T08:04:59Z');
  t.equal(await system.notify.notify.reminders.runDue(), 0, 'not yet');
  system.clock.advance({ seconds: 2 });
  t.equal(await system.notify.notify.reminders.runDue(), 1);
  t.equal(await system.notify.notify.reminders.runDue(), 0, 'never twice');
  const [reminder] = await system.receiver.waitFor(1);
  const body = JSON.parse(reminder!.body);
  t.equal(body.type, 'reminder.due');
  t.equal(body.data.minutesBefore, 15);
  t.equal(body.data.session.start.subscriber.local, '2025-11-26T17:20');
});

t.test('a reminder across the EU clock change fires 24 elapsed hours before the session', async (t) => {
  const system = await startSystem(t);
  const created = await system.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'Spring plenary', timeZone: 'Europe/Zurich' } });
  const meetingId = created.json().id as string;
  // 09:00 on the Sunday the clocks go forward (02:00 → 03:00): 07:00Z, so 24 hours before is 07:00Z
  // on Saturday, which is 08:00 on Geneva's clock (CET), not 09:00.
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions`, payload: { id: 'plenary', title: 'Plenary', start: '2026-03-29T09:00', end: '2026-03-29T10:00' } })).statusCode, 201);
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} })).statusCode, 201);
  const subscribed = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'America/New_York', locale: 'en-US', channel: { type: 'webhook', url: system.receiver.url }, eventTypes: ['reminder.due'], reminders: [1440] },
  });
  t.equal(subscribed.statusCode, 201, subscribed.body);
  await waitUntil(() => (system.notify.notify.tables.reminders.nextDueAt() !== null ? true : undefined), 5_000, 'a planned reminder');
  t.equal(system.notify.notify.tables.reminders.nextDueAt(), Date.parse('2026-03-28T07:00:00Z'));
  system.clock.instant = Temporal.Instant.from('2026-03-28T06:59:59Z');
  t.equal(await system.notify.notify.reminders.runDue(), 0, 'not at 09:00 wall-clock time minus a day');
  system.clock.instant = Temporal.Instant.from('2026-03-28T07:00:00Z');
  t.equal(await system.notify.notify.reminders.runDue(), 1);
  const [reminder] = await system.receiver.waitFor(1);
  const body = JSON.parse(reminder!.body);
  t.equal(body.data.dueAt, '2026-03-28T07:00:00Z');
  t.match(body.data.session.start, { utc: '2026-03-29T07:00:00Z', meeting: { local: '2026-03-29T09:00', offset: '+02:00' }, subscriber: { local: '2026-03-29T03:00', offset: '-04:00' } });
});
