import t from 'tap';
import { startSystem, webhookSubscriberNotified } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';
import { loadSubscription } from '../src/subscription-commands.ts';

t.setTimeout(120_000);

t.test('a webhook ended by its endpoint\'s 410 answers subscription-ended to ping, secret rotation and replay', async (t) => {
  const system = await startSystem(t, { respond: () => ({ status: 410 }) });
  const { id, manageToken } = await webhookSubscriberNotified(system);
  await waitUntil(() => (system.notify.notify.tables.subscriptions.get(id)?.status === 'ended' ? true : undefined), 5_000, 'the gone endpoint\'s subscription ended');

  const headers = { authorization: `Bearer ${manageToken}` };
  for (const [route, payload] of [['ping', undefined], ['secret', undefined], ['replay', { since: '2025-11-20T00:00:00Z' }]] as const) {
    const answer = await system.notify.inject({ method: 'POST', url: `/subscriptions/${id}/${route}`, headers, ...(payload !== undefined && { payload }) });
    t.equal(answer.statusCode, 409, route);
    t.match(answer.json(), { code: 'subscription-ended' }, route);
  }

  const document = (await system.notify.inject({ url: '/openapi.json' })).json();
  for (const route of ['ping', 'secret', 'replay']) {
    t.match(document.paths[`/subscriptions/{subscriptionId}/${route}`].post.responses['409'].description, /`subscription-ended`/, `${route} documents it`);
  }
});

t.test('a ping answered 410 ends the subscription, as a notice answered 410 does', async (t) => {
  let gone = false;
  const system = await startSystem(t, { respond: () => ({ status: gone ? 410 : 204 }) });
  const { id, manageToken } = await webhookSubscriberNotified(system);
  gone = true;
  const headers = { authorization: `Bearer ${manageToken}` };
  const ping = await system.notify.inject({ method: 'POST', url: `/subscriptions/${id}/ping`, headers });
  t.equal(ping.statusCode, 200);
  t.match(ping.json(), { outcome: 'gone' });
  t.match(await loadSubscription(system.store, id), { status: 'ended' }, 'the subscription ended');
  t.equal(system.notify.notify.tables.contacts.get(id), undefined, 'and its URL and secret are erased');
  t.match((await system.notify.inject({ method: 'POST', url: `/subscriptions/${id}/ping`, headers })).json(), { code: 'subscription-ended' });
});
