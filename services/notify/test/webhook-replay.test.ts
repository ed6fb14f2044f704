import t from 'tap';
import { startSystem, webhookSubscriberNotified } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

t.test('a replay since an instant is refused unless its year has four digits: a later year would replay everything', async (t) => {
  const system = await startSystem(t);
  const { id, manageToken } = await webhookSubscriberNotified(system);
  await system.receiver.waitFor(1);
  await waitUntil(() => (system.notify.notify.db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").pluck().get() === 0 ? true : undefined), 10_000, 'the notice delivered');
  const replay = (since: string) => system.notify.inject({ method: 'POST', url: `/subscriptions/${id}/replay`, headers: { authorization: `Bearer ${manageToken}` }, payload: { since } });

  t.same((await replay('9999-12-31T23:59:59Z')).json(), { requeued: 0 }, 'since the last four-digit second: nothing');
  for (const since of ['+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z']) {
    const refused = await replay(since);
    t.equal(refused.statusCode, 400, since);
    t.match(refused.json(), { code: 'invalid-request', detail: /since/ }, since);
  }
  t.equal(system.notify.notify.db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").pluck().get(), 0, 'nothing put back in line');
  t.same((await replay('2025-01-01T00:00:00Z')).json(), { requeued: 1 }, 'since before the notice: replayed');
});
