/** Who may manage a subscription, and what the others learn: nothing, not even whether it exists. */
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN, UCLG_TOKEN } from './support/system.ts';

t.setTimeout(120_000);

t.test('the manage token or the meeting\'s organiser may; the answer to anyone else is the same for a subscription that does not exist', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } },
  });
  t.equal(created.statusCode, 201);
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const read = (subscriptionId: string, token?: string) =>
    system.notify.inject({ url: `/subscriptions/${subscriptionId}`, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  t.equal((await read(id, manageToken)).statusCode, 200, 'its manage token');
  t.equal((await read(id, OHCHR_TOKEN)).statusCode, 200, 'the organiser of its meeting');
  const unknown = randomUUID();
  for (const [who, token, status] of [
    ['no credentials', undefined, 401],
    ['a wrong token', 'not-a-token-of-anything-0123456789', 404],
    ['another organiser', UCLG_TOKEN, 404],
  ] as const) {
    const [existing, missing] = [await read(id, token), await read(unknown, token)];
    t.equal(existing.statusCode, status, `${who}: the subscription`);
    t.equal(missing.statusCode, status, `${who}: one that does not exist`);
    t.equal(existing.json().code, missing.json().code, `${who}: the same problem`);
  }
  t.equal((await read(unknown, manageToken)).statusCode, 404, 'a manage token is its own subscription\'s only');
});
