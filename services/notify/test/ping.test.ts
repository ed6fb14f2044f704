import t from 'tap';
import { createReferenceMeeting, startSystem } from './support/system.ts';
import { startWebhookReceiver } from './support/receivers.ts';

t.setTimeout(120_000);

t.test('a ping tells how the endpoint answered, not what it wrote: anyone may subscribe any URL and ping it', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const guarded = await startWebhookReceiver(() => ({ status: 403, body: 'internal-only resource; key=abc123' }));
  t.teardown(guarded.close);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: guarded.url } },
  });
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const ping = await system.notify.inject({ method: 'POST', url: `/subscriptions/${id}/ping`, headers: { authorization: `Bearer ${manageToken}` } });
  t.equal(ping.statusCode, 200, ping.body);
  t.match(ping.json(), { outcome: 'retry', detail: 'HTTP 403 Forbidden' });
  t.notMatch(ping.body, 'abc123', 'the endpoint\'s own words stay out of the answer');
  t.equal(guarded.received.length, 1, 'the ping went');
});
