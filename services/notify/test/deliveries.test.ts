import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, webhookSubscriberNotified } from './support/system.ts';
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

t.test('an organiser retrying a confirmation mail is held to its address\'s hourly limit, as subscribing is', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const subscribed = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address: 'someone@example.org' } },
  });
  t.equal(subscribed.statusCode, 201);
  await system.smtp.waitFor(1);
  const confirmationId = system.notify.notify.db.prepare("SELECT id FROM outbox WHERE kind = 'confirmation'").pluck().get() as string;
  const delivered = () => waitUntil(() => (system.notify.notify.tables.outbox.get(confirmationId)!.status === 'delivered' ? true : undefined), 10_000, 'the confirmation delivered');
  const retry = () => system.notify.inject({ method: 'POST', url: `/deliveries/${confirmationId}/retry`, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } });
  await delivered();
  for (const mails of [2, 3]) {
    t.equal((await retry()).statusCode, 202, 'within the limit: sent again');
    await system.smtp.waitFor(mails);
    await delivered();
  }
  const refused = await retry();
  t.equal(refused.statusCode, 429, 'the fourth mail of the hour');
  t.match(refused.json(), { code: 'confirmation-rate-limited' });
  t.ok(Number(refused.headers['retry-after']) > 0, 'with Retry-After');
  t.equal(system.notify.notify.tables.outbox.get(confirmationId)!.status, 'delivered', 'left as it was');
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.equal(system.smtp.mails.length, 3, 'three mails to the address, no more');
});
