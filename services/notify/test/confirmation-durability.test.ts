/** The double opt-in mail is the reactor's: it goes out for every stored request, even one whose request crashed right after storing it. */
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { executeSubscriptionCommand } from '../src/subscription-commands.ts';
import { storedTimestamp } from '../src/timestamps.ts';
import { createReferenceMeeting, startSystem } from './support/system.ts';

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
