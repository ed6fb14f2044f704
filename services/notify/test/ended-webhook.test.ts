import t from 'tap';
import { startSystem, webhookSubscriberNotified } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

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
