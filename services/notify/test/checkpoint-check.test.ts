import t, { type Test } from 'tap';
import { join } from 'node:path';
import { openSqliteEventStore, StoreUnavailableError, StreamDeletedError, type EventStore } from '@meridian/event-store';
import { buildNotifyApp } from '../src/app.ts';
import { createWebhookSender } from '../src/channels/index.ts';
import { CheckpointNotInStoreError } from '../src/checkpoint-check.ts';
import { Reactor } from '../src/reactor.ts';
import { notifyTables } from '../src/db/tables.ts';
import { createMeetingLoader } from '../src/meetings.ts';
import { createComposer } from '../src/composer.ts';
import { loggerKeepingErrors } from './support/logs.ts';
import { openNotifyDatabase } from '../src/db/notify-database.ts';
import { OHCHR_TOKEN, createReferenceMeeting, startSystem, type TestSystem } from './support/system.ts';

/** The notify service again, on `store`, with the system's notify database. */
const notifyOn = (t: Test, system: TestSystem, store: EventStore) =>
  buildNotifyApp({
    config: system.config,
    store,
    clock: system.clock,
    logger: false,
    channels: (log) => {
      const webhook = createWebhookSender({ allowPrivate: true, timeoutMs: 2_000, userAgent: 'Meridian-Test', log });
      t.teardown(() => webhook.close());
      return { email: null, webhook };
    },
  });

/** Whether the reactor has handled everything the store holds. */
const handledAll = async (system: TestSystem) => system.notify.notify.reactor.checkpoint === (await system.store.headCheckpoint());

/** Both services with the reference meeting, the reactor having handled all of it. */
const handledReferenceMeeting = async (t: Test): Promise<{ system: TestSystem; meetingId: string }> => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  while (!(await handledAll(system))) await new Promise((resolve) => setTimeout(resolve, 20));
  return { system, meetingId };
};

t.test('on a store restored from an older backup, notify refuses to start rather than take new events for ones it handled', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const backup = join(system.dir, 'backup.db');
  await system.store.database.backup(backup);
  // Since the backup: an edit and a release, which the reactor handles
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  while (!(await handledAll(system))) await new Promise((resolve) => setTimeout(resolve, 20));
  const handled = system.notify.notify.reactor.checkpoint!;
  await system.stopNotify();

  // Restored, the store hands the positions after the backup out again, to other events.
  const restored = openSqliteEventStore({ path: backup });
  t.teardown(() => restored.close());
  for (let position = await restored.headCheckpoint(); position !== handled; position = await restored.headCheckpoint()) {
    await restored.append(`meeting-after-restore`, [{ id: crypto.randomUUID(), type: 'Unrelated', data: {}, metadata: { actor: 'test', correlationId: crypto.randomUUID(), occurredAt: '2025-11-01T09:00:00Z' } }], {
      expectedVersion: (await restored.readStream('meeting-after-restore')).length,
    });
  }
  const refusal = await notifyOn(t, system, restored).then(
    () => t.fail('started'),
    (error: unknown) => error,
  );
  t.type(refusal, CheckpointNotInStoreError);
  t.match(refusal, { code: 'CHECKPOINT_NOT_IN_STORE', handled: { position: handled }, message: /restored from an older backup .*\? Restore the notify database from a copy/ });

  // On the store it followed, it starts as before.
  const again = await notifyOn(t, system, system.store);
  t.equal(again.notify.reactor.checkpoint, handled);
  await again.close();
});

t.test("a checkpoint an earlier version saved, without the event's identity, is taken as it is and completed by the next save", async (t) => {
  const { system, meetingId } = await handledReferenceMeeting(t);
  await system.stopNotify();
  const db = openNotifyDatabase(system.config.databasePath);
  db.prepare("UPDATE checkpoints SET stream = NULL, version = NULL, event_id = NULL WHERE name = 'reactor'").run();
  db.close();

  const again = await notifyOn(t, system, system.store);
  t.teardown(() => again.close());
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const last = (await system.store.readAll()).at(-1);
  while (again.notify.reactor.checkpoint !== last?.position) await new Promise((resolve) => setTimeout(resolve, 20));
  const saved = again.notify.db.prepare("SELECT stream, version, event_id AS id FROM checkpoints WHERE name = 'reactor'").get();
  t.same(saved, { stream: last!.stream, version: last!.version, id: last!.id });
});

t.test('a checkpoint whose event is older than its position (an earlier version moved the position alone since) is not taken for a restore', async (t) => {
  const { system } = await handledReferenceMeeting(t);
  await system.stopNotify();
  // What a rollback to the previous version leaves: the event of an earlier save, the position of a later one.
  const [first, last] = [(await system.store.readAll({ limit: 1 }))[0]!, (await system.store.readAll()).at(-1)!];
  const db = openNotifyDatabase(system.config.databasePath);
  db.prepare("UPDATE checkpoints SET position = ?, stream = ?, version = ?, event_id = ? WHERE name = 'reactor'").run(last.position, first.stream, first.version, first.id);
  db.close();

  const again = await notifyOn(t, system, system.store);
  t.equal(again.notify.reactor.checkpoint, last.position, 'started, from the saved position');
  await again.close();
});

t.test('a store that does not answer while the checkpoint is checked is waited for, as the subscription would', async (t) => {
  const { system } = await handledReferenceMeeting(t);
  await system.stopNotify();
  let failures = 2;
  const electingALeader: EventStore = Object.assign(Object.create(system.store) as EventStore, {
    readStream: async (...args: Parameters<EventStore['readStream']>) => {
      if (failures-- > 0) throw new StoreUnavailableError('no leader yet', { cause: null, mayHaveWritten: false });
      return system.store.readStream(...args);
    },
  });
  const again = await notifyOn(t, system, electingALeader);
  t.equal(failures, -1, 'checked a third time, and started');
  await again.close();
});

t.test('a checkpoint whose stream an operator deleted is not checked: the positions after it stand', async (t) => {
  const { system } = await handledReferenceMeeting(t);
  const handled = system.notify.notify.reactor.checkpoint;
  await system.stopNotify();
  const deleted: EventStore = Object.assign(Object.create(system.store) as EventStore, {
    readStream: async (stream: string) => {
      throw new StreamDeletedError(stream);
    },
  });
  const again = await notifyOn(t, system, deleted);
  t.equal(again.notify.reactor.checkpoint, handled, 'started from its checkpoint');
  await again.close();
});

t.test('closed while it waits for the store, the reactor starts nothing and its start ends', async (t) => {
  const { system } = await handledReferenceMeeting(t);
  await system.stopNotify();
  let subscribed = false;
  const down: EventStore = Object.assign(Object.create(system.store) as EventStore, {
    readStream: async () => {
      throw new StoreUnavailableError('no leader', { cause: null, mayHaveWritten: false });
    },
    subscribe: (...args: Parameters<EventStore['subscribe']>) => {
      subscribed = true;
      return system.store.subscribe(...args);
    },
  });
  const db = openNotifyDatabase(system.config.databasePath);
  t.teardown(() => db.close());
  const tables = notifyTables(db);
  const reactor = new Reactor({
    store: down,
    db,
    tables,
    meetings: createMeetingLoader(down),
    composer: createComposer({ publicUrl: 'https://notify.test', scheduleUrl: 'https://meridian.test', secret: 'a-test-secret-of-at-least-32-characters!', organizer: { name: 'Meridian', email: 'notices@meridian.test' } }),
    clock: system.clock,
    log: loggerKeepingErrors().log,
    reminderGraceMs: 600_000,
    retryMs: 60_000,
  });
  const started = reactor.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await reactor.close();
  await started;
  t.notOk(subscribed, 'no subscription after close');
});

t.test('a checkpoint whose event is older than its position, the position beyond the store (restored since): refused all the same', async (t) => {
  const { system } = await handledReferenceMeeting(t);
  await system.stopNotify();
  const first = (await system.store.readAll({ limit: 1 }))[0]!;
  const db = openNotifyDatabase(system.config.databasePath);
  db.prepare("UPDATE checkpoints SET position = '999999', stream = ?, version = ?, event_id = ? WHERE name = 'reactor'").run(first.stream, first.version, first.id);
  db.close();
  await t.rejects(notifyOn(t, system, system.store), CheckpointNotInStoreError);
});
