import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, UCLG_TOKEN, type TestSystem } from './support/system.ts';
import type { ReceivedWebhook } from './support/receivers.ts';

t.setTimeout(120_000);

const signedWith = (secret: string, webhook: ReceivedWebhook): boolean => {
  try {
    new Webhook(secret).verify(webhook.body, {
      'webhook-id': webhook.headers['webhook-id'] as string,
      'webhook-timestamp': webhook.headers['webhook-timestamp'] as string,
      'webhook-signature': webhook.headers['webhook-signature'] as string,
    });
    return true;
  } catch {
    return false;
  }
};

t.test('only the subscriber rotates its webhook secret; both secrets sign for a day, then the new one alone', async (t) => {
  const system: TestSystem = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url }, eventTypes: ['agenda.released'] },
  });
  const { id, secret, manageToken } = created.json() as { id: string; secret: string; manageToken: string };
  const as = (token: string, url: string) => system.notify.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` } });
  const ping = async (): Promise<ReceivedWebhook> => {
    const answer = await as(manageToken, `/subscriptions/${id}/ping`);
    t.equal(answer.json().outcome, 'delivered', answer.body);
    return system.receiver.received.at(-1)!;
  };

  // The organiser would hold a secret its receiver never had: once the old one expired, nothing it
  // received would verify.
  const byOrganiser = await as(OHCHR_TOKEN, `/subscriptions/${id}/secret`);
  t.equal(byOrganiser.statusCode, 403, byOrganiser.body);
  t.equal(byOrganiser.json().code, 'forbidden');
  t.equal((await as(UCLG_TOKEN, `/subscriptions/${id}/secret`)).statusCode, 404, 'another organiser is not told it exists');
  const untouched = await ping();
  t.ok(signedWith(secret, untouched), 'the subscriber\'s secret still signs');
  t.equal(String(untouched.headers['webhook-signature']).split(' ').length, 1, 'and it alone');

  const rotated = await as(manageToken, `/subscriptions/${id}/secret`);
  t.equal(rotated.statusCode, 200, rotated.body);
  const { secret: newSecret } = rotated.json() as { secret: string };
  t.match(newSecret, /^whsec_/);
  const during = await ping();
  t.ok(signedWith(secret, during) && signedWith(newSecret, during), 'during the grace period, either secret verifies');
  system.clock.advance({ hours: 25 });
  const after = await ping();
  t.notOk(signedWith(secret, after), 'after it, the old secret no longer does');
  t.ok(signedWith(newSecret, after), 'the new one does');
});
