import t from 'tap';
import { OHCHR_TOKEN, startSystem, webhookSubscriberNotified } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

t.setTimeout(120_000);

t.test('GET /deliveries without a status lists the failed ones: status is optional, `failed` by default', async (t) => {
  const system = await startSystem(t, { respond: () => ({ status: 500 }) });
  const { meetingId, id } = await webhookSubscriberNotified(system);
  const statusOf = () => system.notify.notify.db.prepare('SELECT status FROM outbox WHERE subscription_id = ?').pluck().get(id) as string | undefined;
  // Every retry waits for its backoff on the service's clock: move it on until the last attempt parks the notice.
  await waitUntil(() => {
    system.clock.advance({ minutes: 1 });
    return statusOf() === 'failed' ? true : undefined;
  }, 60_000, 'the notice parked as failed after its last retry');

  const list = async (query: string) => {
    const answer = await system.notify.inject({ url: `/deliveries?meetingId=${meetingId}${query}`, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } });
    t.equal(answer.statusCode, 200, answer.body);
    return (answer.json().deliveries as { subscriptionId: string; status: string }[]).map(({ subscriptionId, status }) => [subscriptionId, status]);
  };
  t.same(await list(''), [[id, 'failed']], 'no status: the failed deliveries');
  t.same(await list('&status=failed'), [[id, 'failed']], 'the same as status=failed');
  t.same(await list('&status=delivered'), [], 'another status lists others');

  const document = (await system.notify.inject({ url: '/openapi.json' })).json();
  const status = (document.paths['/deliveries'].get.parameters as { name: string; required?: boolean; schema: { default?: string } }[]).find((parameter) => parameter.name === 'status');
  t.match(status, { required: false, schema: { default: 'failed' } }, 'documented as optional, failed by default');
});
