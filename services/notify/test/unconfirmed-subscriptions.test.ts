import t from 'tap';
import { subscriptionStream } from '@meridian/domain';
import { createReferenceMeeting, startSystem, type TestSystem } from './support/system.ts';
import { endUnconfirmedSubscriptions } from '../src/unconfirmed-subscriptions.ts';
import { loadSubscription } from '../src/subscription-commands.ts';

const CONFIRM_LINK = /https:\/\/notify\.meridian\.test(\/subscriptions\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]+)/;

const subscribe = async (system: TestSystem, meetingId: string, address: string) => {
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address } },
  });
  const { id } = created.json() as { id: string };
  const mail = (await system.smtp.waitFor(system.smtp.mails.length + 1)).at(-1)!; // its confirmation mail
  return { id, confirm: CONFIRM_LINK.exec(mail.text ?? '')![1]! };
};

t.test('an e-mail subscription not confirmed within seven days is ended and its address erased; its link then says so', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const forgotten = await subscribe(system, meetingId, 'forgotten@example.org');
  const confirmed = await subscribe(system, meetingId, 'confirmed@example.org');
  t.equal((await system.notify.inject({ method: 'POST', url: confirmed.confirm })).statusCode, 200);
  const sweep = () => endUnconfirmedSubscriptions(system.notify, system.notify.log);

  system.clock.advance({ hours: 7 * 24 - 1, minutes: 59 });
  t.equal(await sweep(), 0, 'a minute before the seven days: waiting still');
  system.clock.advance({ minutes: 2 });
  t.equal(await sweep(), 1, 'then ended');
  t.equal(await sweep(), 0, 'once');

  t.match(await loadSubscription(system.store, forgotten.id), { exists: true, status: 'ended' });
  const [ended] = (await system.store.readStream(subscriptionStream(forgotten.id))).slice(-1);
  t.match(ended, { type: 'SubscriptionEnded', data: { reason: 'unconfirmed' } }, 'the reason recorded');
  t.equal(system.notify.notify.tables.contacts.get(forgotten.id), undefined, 'the address erased');
  const link = await system.notify.inject({ method: 'POST', url: forgotten.confirm });
  t.equal(link.statusCode, 409, 'the confirmation link answers that the subscription has ended');
  t.match(link.json(), { code: 'subscription-ended' });

  t.match(await loadSubscription(system.store, confirmed.id), { status: 'active' }, 'a confirmed one of the same age goes on');
  t.not(system.notify.notify.tables.contacts.get(confirmed.id), undefined);
});
