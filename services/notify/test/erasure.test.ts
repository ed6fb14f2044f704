import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN, webhookSubscriberNotified, type TestSystem } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

// Unsubscribing erases the subscriber's personal data (DESIGN.md): from the contacts, from what the
// outbox recorded for them, and from the database file itself.
t.setTimeout(120_000);

const ADDRESS = 'erase-me.participant@example.org';

/** `text` with iCalendar's line folds taken out, also as JSON escapes them: a folded address is found whole. */
const unfolded = (text: string): string => text.replaceAll('\r\n ', '').replaceAll('\\r\\n ', '');

const outboxOf = (system: TestSystem, subscriptionId: string) =>
  system.notify.notify.db.prepare('SELECT id, kind, status, message, template_id, last_error, delivered_at FROM outbox WHERE subscription_id = ? ORDER BY id').all(subscriptionId) as {
    id: string;
    kind: string;
    status: string;
    message: string;
    template_id: string | null;
    last_error: string | null;
    delivered_at: string | null;
  }[];

const ended = (system: TestSystem, subscriptionId: string) =>
  waitUntil(() => (system.notify.notify.tables.subscriptions.get(subscriptionId)?.status === 'ended' ? true : undefined), 5_000, 'the reactor to end the subscription');

/** An e-mail subscriber with invitations, confirmed, who was sent a digest and an invitation: answers its id and unsubscribe link. */
const invitedSubscriber = async (t: Test, system: TestSystem) => {
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'Europe/Paris', locale: 'en', channel: { type: 'email', address: ADDRESS }, invitations: true },
  });
  t.equal(created.statusCode, 201);
  const [confirmation] = await system.smtp.waitFor(1);
  const confirm = /https:\/\/notify\.meridian\.test(\/subscriptions\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]+)/.exec(confirmation!.text ?? '')![1]!;
  t.equal((await system.notify.inject({ method: 'POST', url: confirm })).statusCode, 200);
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  await system.smtp.waitFor(3);
  const id = created.json().id as string;
  await waitUntil(() => (outboxOf(system, id).every((row) => row.status === 'delivered') ? true : undefined), 5_000, 'the deliveries recorded');
  t.ok(
    outboxOf(system, id).some((row) => row.kind === 'itip' && unfolded(row.message).includes(ADDRESS)),
    'the invitation recorded names its attendee',
  );
  const header = system.smtp.mails[1]!.headerLines.find((line) => line.key === 'list-unsubscribe')!.line;
  const unsubscribe = /<https:\/\/notify\.meridian\.test([^>]+)>/.exec(header)?.[1];
  return { id, meetingId, unsubscribe: unsubscribe!, manageToken: created.json().manageToken as string };
};

t.test('one-click unsubscribe erases the address from every notification recorded for the subscriber, keeping what organisers see', async (t) => {
  const system = await startSystem(t);
  const { id, meetingId, unsubscribe } = await invitedSubscriber(t, system);
  const before = outboxOf(system, id);

  const done = await system.notify.inject({ method: 'POST', url: unsubscribe, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  t.equal(done.statusCode, 200);

  const after = outboxOf(system, id);
  t.same(
    after.map(({ id, kind, status, delivered_at }) => ({ id, kind, status, delivered_at })),
    before.map(({ id, kind, status, delivered_at }) => ({ id, kind, status, delivered_at })),
    'ids, kinds, statuses and times are kept',
  );
  for (const row of after) {
    t.same(JSON.parse(row.message), { channel: 'email', erased: true }, `${row.kind}: only its channel is left of the message`);
    t.equal(row.template_id, null);
  }
  const listed = await system.notify.inject({ url: `/deliveries?status=delivered&meetingId=${meetingId}`, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } });
  t.same(
    (listed.json().deliveries as { id: string; channel: string }[]).map(({ id, channel }) => ({ id, channel })),
    before.map((row) => ({ id: row.id, channel: 'email' })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    'the organiser still sees the deliveries',
  );
});

t.test('after unsubscribing and a checkpoint, the address is nowhere in the database files', async (t) => {
  const system = await startSystem(t);
  const { id, manageToken } = await invitedSubscriber(t, system);
  const file = join(system.dir, 'notify.db');

  const deleted = await system.notify.inject({ method: 'DELETE', url: `/subscriptions/${id}`, headers: { authorization: `Bearer ${manageToken}` } });
  t.equal(deleted.statusCode, 204, deleted.body);
  await ended(system, id);
  system.notify.notify.db.pragma('wal_checkpoint(TRUNCATE)');

  for (const path of [file, `${file}-wal`]) {
    t.notOk(unfolded(readFileSync(path).toString('latin1')).includes(ADDRESS), `not in ${path.slice(system.dir.length + 1)}`);
  }
});

t.test('unsubscribing a webhook erases what its endpoint answered, which may name it', async (t) => {
  const marker = 'tenant https://hooks.example.org/acme-7f3a is unknown';
  const system = await startSystem(t, { respond: () => ({ status: 400, body: marker }) });
  const { id, manageToken } = await webhookSubscriberNotified(system);
  const [refused] = await waitUntil(() => {
    const rows = outboxOf(system, id);
    return rows.length > 0 && rows.every((row) => row.last_error !== null) ? rows : undefined;
  }, 5_000, 'the refused delivery recorded');
  t.match(refused!.last_error, marker, 'the endpoint\'s words are kept while the subscription lives');

  t.equal((await system.notify.inject({ method: 'DELETE', url: `/subscriptions/${id}`, headers: { authorization: `Bearer ${manageToken}` } })).statusCode, 204);

  const [erased] = outboxOf(system, id);
  t.equal(erased!.status, 'cancelled', 'its retries stop');
  t.same(JSON.parse(erased!.message), { channel: 'webhook', erased: true });
  t.notMatch(erased!.last_error, marker);
});
