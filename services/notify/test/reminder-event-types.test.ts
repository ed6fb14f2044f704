import t from 'tap';
import { Temporal } from '@meridian/domain';
import { startSystem, createReferenceMeeting } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

// A webhook subscription names the event types it wants: `reminder.due` among them, or no reminder.
t.setTimeout(120_000);

t.test('a webhook that leaves out reminder.due gets no reminders, until it asks for them', async (t) => {
  const system = await startSystem(t);
  const { tables, reminders } = system.notify.notify;
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url }, eventTypes: ['agenda.released'], reminders: [15], sessionIds: ['session-1'] },
  });
  t.equal(created.statusCode, 201);
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const planned = () => system.notify.notify.db.prepare("SELECT COUNT(*) AS count FROM reminders WHERE subscription_id = ? AND status = 'planned'").get(id) as { count: number };
  await waitUntil(() => (tables.subscriptions.get(id)?.status === 'active' ? true : undefined), 5_000, 'the subscription in the table');
  t.equal(planned().count, 0, 'none planned');
  // session-1 starts 2025-11-26T08:20Z: a reminder 15 minutes before would be due at 08:05Z.
  system.clock.instant = Temporal.Instant.from('2025-11-26T08:05:00Z');
  t.equal(await reminders.runDue(), 0, 'none sent');

  const changed = await system.notify.inject({
    method: 'PATCH',
    url: `/subscriptions/${id}`,
    headers: { authorization: `Bearer ${manageToken}`, 'content-type': 'application/merge-patch+json' },
    payload: JSON.stringify({ eventTypes: ['agenda.released', 'reminder.due'] }),
  });
  t.equal(changed.statusCode, 200);
  await waitUntil(() => (planned().count === 1 ? true : undefined), 5_000, 'the reminder planned once reminder.due is wanted');
  t.equal(await reminders.runDue(), 1);
  const [reminder] = await system.receiver.waitFor(1);
  t.equal(JSON.parse(reminder!.body).type, 'reminder.due');

  const dropped = await system.notify.inject({
    method: 'PATCH',
    url: `/subscriptions/${id}`,
    headers: { authorization: `Bearer ${manageToken}`, 'content-type': 'application/merge-patch+json' },
    payload: JSON.stringify({ eventTypes: ['agenda.released'], reminders: [10] }),
  });
  t.equal(dropped.statusCode, 200);
  await waitUntil(() => (tables.subscriptions.get(id)?.reminders[0] === 10 ? true : undefined), 5_000, 'the change in the table');
  t.equal(planned().count, 0, 'leaving reminder.due out again drops what was planned');
});
