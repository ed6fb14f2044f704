import t from 'tap';
import { OHCHR_TOKEN, UCLG_TOKEN, createReferenceMeeting, startSystem } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

t.setTimeout(120_000);

t.test('an organiser lists a meeting\'s live webhook endpoints a page at a time', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const subscribe = async (channel: Record<string, string>) => {
    const created = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel } });
    t.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string; manageToken: string };
  };
  const hooks = [];
  for (const path of ['a', 'b', 'c', 'ended']) hooks.push(await subscribe({ type: 'webhook', url: `${system.receiver.url}/${path}` }));
  await subscribe({ type: 'email', address: 'not-a-webhook@example.org' });
  const ended = hooks.pop()!;
  t.equal((await system.notify.inject({ method: 'DELETE', url: `/subscriptions/${ended.id}`, headers: { authorization: `Bearer ${ended.manageToken}` } })).statusCode, 204);
  await waitUntil(() => (system.notify.notify.tables.subscriptions.get(ended.id)?.status === 'ended' ? true : undefined), 10_000, 'the reactor saw every subscription');

  const organiser = { authorization: `Bearer ${OHCHR_TOKEN}` };
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = `meetingId=${meetingId}&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const listed = await system.notify.inject({ url: `/webhooks?${query}`, headers: organiser });
    t.equal(listed.statusCode, 200, listed.body);
    const body = listed.json() as { webhooks: { url: string }[]; next: string | null };
    pages.push(body.webhooks.map((webhook) => webhook.url.slice(system.receiver.url.length)));
    cursor = body.next;
  } while (cursor !== null && pages.length < 5);
  t.same(pages.flat().sort(), ['/a', '/b', '/c'], 'every live webhook once, neither the e-mail subscription nor the ended one');
  t.same(pages.map((page) => page.length), [2, 1]);

  const foreignCursor = await system.notify.inject({ url: `/webhooks?meetingId=${meetingId}&cursor=some-subscription-id`, headers: organiser });
  t.equal(foreignCursor.statusCode, 400, 'a cursor this service did not write');
  t.equal(foreignCursor.json().type.split('/').at(-1), 'invalid-input');
  t.equal((await system.notify.inject({ url: `/webhooks?meetingId=${meetingId}` })).statusCode, 401, 'no token');
  t.equal((await system.notify.inject({ url: `/webhooks?meetingId=${meetingId}`, headers: { authorization: `Bearer ${UCLG_TOKEN}` } })).statusCode, 403, 'another organiser\'s released meeting');
});
