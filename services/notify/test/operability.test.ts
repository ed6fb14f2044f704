import t from 'tap';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN } from './support/system.ts';

t.setTimeout(120_000);

t.test('readiness and metrics: outbox depth, deliveries by outcome, subscription lag', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  t.equal((await system.notify.inject({ url: '/readyz' })).statusCode, 200);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url }, eventTypes: ['agenda.released'] },
  });
  t.equal(created.statusCode, 201);
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  await system.receiver.waitFor(1);
  let body = '';
  for (let attempt = 0; attempt < 100; attempt += 1) {
    body = (await system.notify.inject({ url: '/metrics' })).body;
    if (/meridian_notify_deliveries_total\{channel="webhook",outcome="delivered",service="notify"\} 1/.test(body)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.match(body, /meridian_notify_deliveries_total\{channel="webhook",outcome="delivered",service="notify"\} 1/);
  t.match(body, /meridian_notify_outbox\{status="delivered",service="notify"\} 1/);
  t.match(body, /meridian_notify_outbox\{status="pending",service="notify"\} 0/);
  t.match(body, /meridian_notify_subscription_caught_up\{service="notify"\} 1/);
  t.match(body, /meridian_notify_events_processed_total\{service="notify"\} \d+/);
});

t.test('readiness fails while the store is unreachable', async (t) => {
  const system = await startSystem(t);
  await system.store.close();
  const down = await system.notify.inject({ url: '/readyz' });
  t.equal(down.statusCode, 503);
  t.match(down.json(), { code: 'not-ready' });
});

t.test('an unknown path is a 404; a known one with another method a 405 naming those it answers', async (t) => {
  const system = await startSystem(t);
  const unknown = await system.notify.inject({ method: 'GET', url: '/nowhere' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { code: 'not-found' });
  const put = await system.notify.inject({ method: 'PUT', url: '/subscriptions' });
  t.equal(put.statusCode, 405);
  t.equal(put.headers.allow, 'OPTIONS, POST', 'the CORS preflight counts where the path exists');
  t.match(put.json(), { code: 'method-not-allowed', detail: 'PUT is not a method of /subscriptions; it answers OPTIONS, POST' });
});
