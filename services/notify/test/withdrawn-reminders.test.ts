import t, { type Test } from 'tap';
import { Temporal } from '@meridian/domain';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, type TestSystem } from './support/system.ts';
import { waitUntil } from './support/receivers.ts';

// The reference meeting's session-1 starts 2025-11-26T09:20 in Geneva: 08:20Z.
const SESSION_1_REMINDED = Temporal.Instant.from('2025-11-26T08:05:00Z');

/**
 * A webhook subscriber reminded 15 minutes before session-1, whose endpoint refuses the reminder
 * for now (503, Retry-After 3): when this answers, the reminder is in the outbox, waiting for a retry.
 */
const givenReminderWaitingForItsRetry = async (t: Test) => {
  let refuseReminders = true;
  const system = await startSystem(t, {
    respond: ({ body }) =>
      refuseReminders && (JSON.parse(body) as { type: string }).type === 'reminder.due' ? { status: 503, headers: { 'retry-after': '3' } } : { status: 204 },
  });
  const meetingId = await createReferenceMeeting(system);
  system.clock.instant = SESSION_1_REMINDED.subtract({ minutes: 5 });
  const subscribed = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url }, reminders: [15], sessionIds: ['session-1'] },
  });
  t.equal(subscribed.statusCode, 201);
  const reminderId = await waitUntil(() => plannedReminderOf(system), 10_000, 'the reminder planned');
  system.clock.instant = SESSION_1_REMINDED;
  t.equal(await system.notify.notify.reminders.runDue(), 1, 'the reminder enqueued at its due time');
  await system.receiver.waitFor(1);
  const outbox = () => system.notify.notify.tables.outbox.get(reminderId)!;
  await waitUntil(() => (outbox().attempts === 1 ? true : undefined), 10_000, 'the refused attempt recorded');
  return {
    system,
    meetingId,
    reminderId,
    outbox,
    acceptReminders: () => (refuseReminders = false),
    remindersReceived: () => system.receiver.received.map(({ body }) => JSON.parse(body) as { type: string; data: { session?: { start: { utc: string } } } }).filter(({ type }) => type === 'reminder.due'),
  };
};

const plannedReminderOf = (system: TestSystem): string | undefined =>
  (system.notify.notify.db.prepare("SELECT id FROM reminders WHERE session_id = 'session-1' AND status = 'planned'").get() as { id: string } | undefined)?.id;

/** Waits until the reactor has handled the meeting's latest release (its checkpoint is at the store's head). */
const reactorCaughtUp = async (system: TestSystem) => {
  const head = await system.store.headCheckpoint();
  await waitUntil(() => (system.notify.notify.reactor.checkpoint === head ? true : undefined), 10_000, 'the reactor at the head of the store');
};

const released = async (system: TestSystem, meetingId: string) =>
  (await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} })).statusCode;

t.test('a reminder waiting for a retry when its session is moved is withdrawn: the old time is never sent', async (t) => {
  const { system, meetingId, reminderId, outbox, acceptReminders, remindersReceived } = await givenReminderWaitingForItsRetry(t);
  const moved = await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { start: '2025-11-26T11:20', end: '2025-11-26T13:00' } });
  t.equal(moved.statusCode, 200);
  t.equal(await released(system, meetingId), 201);
  await reactorCaughtUp(system);
  t.match(outbox(), { status: 'missed', attempts: 1, lastError: /moved or cancelled/ }, 'withdrawn, its refused attempt kept');

  acceptReminders();
  system.clock.advance({ seconds: 4 }); // past the Retry-After
  system.notify.notify.worker.wake();
  const newTime = plannedReminderOf(system);
  t.not(newTime, reminderId, 'the session has a reminder at its new time, under a new id');
  system.clock.instant = Temporal.Instant.from('2025-11-26T10:05:00Z');
  t.equal(await system.notify.notify.reminders.runDue(), 1, 'which is sent when due');
  await waitUntil(() => (remindersReceived().length === 2 ? true : undefined), 10_000, 'the reminder at the new time');
  t.same(
    remindersReceived().map(({ data }) => data.session!.start.utc),
    ['2025-11-26T08:20:00Z', '2025-11-26T10:20:00Z'],
    'the refused attempt at the old time, then only the new time',
  );
});

t.test('a reminder waiting for a retry when its session is cancelled is withdrawn', async (t) => {
  const { system, meetingId, outbox, acceptReminders, remindersReceived } = await givenReminderWaitingForItsRetry(t);
  t.equal((await system.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/session-1` })).statusCode, 200);
  t.equal(await released(system, meetingId), 201);
  await reactorCaughtUp(system);
  t.match(outbox(), { status: 'missed', lastError: /moved or cancelled/ });
  acceptReminders();
  system.clock.advance({ seconds: 4 });
  system.notify.notify.worker.wake();
  await new Promise((resolve) => setTimeout(resolve, 300)); // a few turns of the worker
  t.equal(remindersReceived().length, 1, 'only the refused attempt');
});

t.test('a release that leaves the session where it was leaves its reminder to its retry', async (t) => {
  const { system, meetingId, outbox, acceptReminders, remindersReceived } = await givenReminderWaitingForItsRetry(t);
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
  t.equal(await released(system, meetingId), 201);
  await reactorCaughtUp(system);
  t.equal(outbox().status, 'pending');
  acceptReminders();
  system.clock.advance({ seconds: 4 });
  system.notify.notify.worker.wake();
  await waitUntil(() => (outbox().status === 'delivered' ? true : undefined), 10_000, 'the retry delivered');
  t.equal(remindersReceived().length, 2, 'refused once, then delivered');
});
