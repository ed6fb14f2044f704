/** The double opt-in mail is the reactor's: it goes out for every stored request, even one whose request crashed right after storing it. */
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { executeSubscriptionCommand } from '../src/subscription-commands.ts';
import { storedTimestamp } from '../src/timestamps.ts';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

t.setTimeout(120_000);

t.test('a request stored by a process that died before answering still gets its confirmation mail, once', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const { tables, store, clock } = system.notify.notify;
  // What POST /subscriptions stores before it would answer: the contact, then the event.
  const subscriptionId = randomUUID();
  tables.contacts.add({ subscriptionId, address: 'participant@example.org', url: null, secrets: [] }, storedTimestamp(clock.now()));
  const context = { actor: `subscriber:${subscriptionId}`, correlationId: 'crashed-request', now: clock.now() };
  await executeSubscriptionCommand(store, context, 'RequestSubscription', { subscriptionId, meetingId, channel: 'email', timeZone: 'Asia/Tokyo', locale: 'en' });
  const [mail] = await system.smtp.waitFor(1);
  t.match(mail!.text, new RegExp(`/subscriptions/${subscriptionId}/confirm\\?token=`), 'the confirmation link of that subscription');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(system.smtp.mails.length, 1, 'one mail');

  // A request whose personal data is gone (a notify database rebuilt without it) sends nothing.
  const orphan = randomUUID();
  await executeSubscriptionCommand(store, { ...context, actor: `subscriber:${orphan}` }, 'RequestSubscription', { subscriptionId: orphan, meetingId, channel: 'email' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(system.smtp.mails.length, 1, 'no mail without an address');
  t.equal(tables.outbox.counts().pending ?? 0, 0);
});

t.test('a contact no stored request names is erased once it is an hour old', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const { tables, clock } = system.notify.notify;
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address: 'kept@example.org' } },
  });
  const kept = created.json().id as string;
  const orphan = (address: string, ageMinutes: number) => {
    const subscriptionId = randomUUID();
    tables.contacts.add({ subscriptionId, address, url: null, secrets: [] }, storedTimestamp(clock.now().subtract({ minutes: ageMinutes })));
    return subscriptionId;
  };
  const old = orphan('died-before-its-event@example.org', 120);
  system.clock.advance({ minutes: 61 });
  const recent = orphan('still-being-requested@example.org', 30);
  // The reactor looks when it has caught up with new events: an edit makes one.
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title: 'Human rights cities in practice' } });
  await waitUntil(() => (tables.contacts.get(old) === undefined ? true : undefined), 5_000, 'the old orphan erased');
  t.ok(tables.contacts.get(recent), 'an orphan younger than an hour is kept: its event may still come');
  t.ok(tables.contacts.get(kept), 'a subscription\'s contact is kept, however old');
});
