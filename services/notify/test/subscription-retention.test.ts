import t from 'tap';
import { subscriptionStream, Temporal } from '@meridian/domain';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, type TestSystem } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';
import { StoreUnavailableError } from '@meridian/event-store';
import { endExpiredSubscriptions, sweepExpiredSubscriptions } from '../src/subscription-retention.ts';
import { loggerKeepingErrors } from './support/logs.ts';
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
  const sweep = () => endExpiredSubscriptions(system.notify, system.notify.log);

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

const endReasonOf = async (system: TestSystem, subscriptionId: string) =>
  ((await system.store.readStream(subscriptionStream(subscriptionId))).at(-1)!.data as { reason?: string }).reason;

t.test('the subscriptions of a cancelled meeting end once its cancellation has been sent, not before', async (t) => {
  let deliver = false;
  const system = await startSystem(t, { respond: () => ({ status: deliver ? 204 : 503 }) });
  const meetingId = await createReferenceMeeting(system);
  const subscribed = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } } });
  const { id } = subscribed.json() as { id: string };
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: { reason: 'postponed' } })).statusCode, 200);
  await system.receiver.waitFor(1); // the cancellation, refused for now
  const sweep = () => endExpiredSubscriptions(system.notify, system.notify.log);
  t.equal(await sweep(), 0, 'the cancellation not sent yet: the subscriber is kept, to be told');
  deliver = true;
  await waitUntil(() => {
    system.clock.advance({ minutes: 1 });
    return system.notify.notify.tables.outbox.pendingOfMeeting(meetingId) === 0 ? true : undefined;
  }, 10_000, 'the cancellation delivered');
  t.equal(await sweep(), 1, 'told: ended');
  t.equal(await endReasonOf(system, id), 'meeting-cancelled');
  t.equal(system.notify.notify.tables.contacts.get(id), undefined, 'its URL and secret erased');
});

t.test('the subscriptions of a meeting end thirty days after its last session', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const subscribed = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } } });
  const { id } = subscribed.json() as { id: string };
  const sweep = () => endExpiredSubscriptions(system.notify, system.notify.log);
  // The reference meeting's last session ends 2025-11-26T16:00Z.
  system.clock.instant = Temporal.Instant.from('2025-12-26T16:00:00Z');
  t.equal(await sweep(), 0, 'thirty days after: kept still');
  system.clock.advance({ minutes: 1 });
  t.equal(await sweep(), 1, 'then ended');
  t.equal(await endReasonOf(system, id), 'meeting-over');
  t.equal(system.notify.notify.tables.contacts.get(id), undefined);
  const late = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } } });
  t.equal(late.statusCode, 409, 'and no new subscription is taken');
  t.match(late.json(), { code: 'meeting-over' });
});

t.test('a sweep that fails (the store unreachable) is logged, never left to reject: it would end the process', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  t.equal((await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } } })).statusCode, 201);
  const unreachable = async () => {
    throw new StoreUnavailableError('EventStoreDB did not answer', { cause: null, mayHaveWritten: false });
  };
  const app = { notify: { ...system.notify.notify, meetings: { ...system.notify.notify.meetings, load: unreachable } } };
  const { log, errors } = loggerKeepingErrors();
  const stop = sweepExpiredSubscriptions(app, log);
  await stop();
  t.match(errors, [{ message: /sweep of expired subscriptions failed/ }]);
});
