/** MERIDIAN_SNAPSHOT_FILE: a replica restarts from its read models' snapshot and catches up from its checkpoint. */
import t, { type Test } from 'tap';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, SqliteEventStore } from '@meridian/event-store';
import { createReferenceMeeting, OHCHR_TOKEN, startApp, type TestApp } from './support/app.ts';
import { createMeeting } from './support/http.ts';

const snapshotEnv = (dir: string) => ({ MERIDIAN_SNAPSHOT_FILE: join(dir, 'snapshot', 'read-models.ndjson') });
const agendaOf = async (test: TestApp, meetingId: string) => (await test.app.inject({ url: `/meetings/${meetingId}/agenda?tz=Asia/Tokyo` })).json();
const eventsProcessed = (test: TestApp) => test.app.schedule.projector.eventsProcessed;

/** A store with the reference meeting, released, written by a replica that was then shut down (writing its snapshot). */
const storeWithSnapshot = async (t: Test) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-snapshot-'));
  const first = await startApp(t, snapshotEnv(dir), dir);
  const meetingId = await createReferenceMeeting(first);
  const agenda = await agendaOf(first, meetingId);
  const events = (await first.store.readAll()).length;
  await first.app.close();
  return { dir, meetingId, agenda, events, file: snapshotEnv(dir).MERIDIAN_SNAPSHOT_FILE };
};

t.test('restarted with its snapshot, a replica answers as before, replaying only what came after', async (t) => {
  const { dir, meetingId, agenda, events } = await storeWithSnapshot(t);
  t.ok(events > 5, `${events} events stored`);

  const restarted = await startApp(t, snapshotEnv(dir), dir);
  t.equal(eventsProcessed(restarted), 0, 'nothing replayed');
  t.strictSame(await agendaOf(restarted, meetingId), agenda);

  // Another replica (no snapshot) changes the meeting while this one is down.
  await restarted.app.close();
  const other = await startApp(t, {}, dir);
  t.equal(eventsProcessed(other), events, 'without a snapshot: every event');
  const renamed = await other.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title: 'Human rights cities, in practice' } });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.equal((await other.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} })).statusCode, 201);
  await other.app.close();

  const caughtUp = await startApp(t, snapshotEnv(dir), dir);
  t.equal(eventsProcessed(caughtUp), 2, 'only the rename and the release');
  const sessions = (await agendaOf(caughtUp, meetingId)).sessions as { id: string; title: string }[];
  t.equal(sessions.find((session) => session.id === 'session-1')?.title, 'Human rights cities, in practice');
});

t.test('a snapshot that does not fit is not used: the replica replays everything', async (t) => {
  const unusable: [string, (file: string) => void][] = [
    ['cut short', (file) => writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, -2).join('\n'))],
    ['of another version', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"service":"[^"]*"/, '"service":"0.0.0-other"'))],
    ['of another fold of the events', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"fold":\d+/, '"fold":0'))],
    ['of another store', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"store":"[^"]*"/, '"store":"sqlite:/elsewhere/meridian.db"'))],
    ['of a later point than the store has', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"checkpoint":"[^"]*"/, '"checkpoint":"999999"'))],
    ['not JSON', (file) => writeFileSync(file, 'not a snapshot\n')],
  ];
  for (const [what, spoil] of unusable) {
    const { dir, meetingId, agenda, events, file } = await storeWithSnapshot(t);
    spoil(file);
    const restarted = await startApp(t, snapshotEnv(dir), dir);
    t.equal(eventsProcessed(restarted), events, `${what}: every event replayed`);
    t.strictSame(await agendaOf(restarted, meetingId), agenda, `${what}: the same answers`);
  }
});

t.test('a snapshot of a store since restored from an older backup, and written to, is not used', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-snapshot-'));
  const file = join(dir, 'meridian.db');
  const backup = join(dir, 'backup.db');
  const first = await startApp(t, snapshotEnv(dir), dir);
  await createReferenceMeeting(first);
  first.store.database.exec(`VACUUM INTO '${backup}'`);
  const lost = await createReferenceMeeting(first);
  await first.app.close(); // the snapshot: up to the meeting the backup does not hold
  await first.store.close();

  // The operator restores the backup; a replica without a snapshot then records as many events
  // again, at the positions the lost meeting's had.
  for (const sidecar of ['-wal', '-shm']) rmSync(`${file}${sidecar}`, { force: true });
  copyFileSync(backup, file);
  const other = await startApp(t, {}, dir);
  const recorded = await createReferenceMeeting(other);
  await other.app.close();
  await other.store.close();

  const restarted = await startApp(t, snapshotEnv(dir), dir);
  t.equal(eventsProcessed(restarted), (await restarted.store.readAll()).length, 'every event replayed');
  t.equal((await restarted.as(OHCHR_TOKEN, { url: `/meetings/${recorded}` })).statusCode, 200, 'the meeting recorded after the restore is there');
  t.equal((await restarted.as(OHCHR_TOKEN, { url: `/meetings/${lost}` })).statusCode, 404, 'the one the backup lost is not');
});

t.test('a replica closing while its subscription is behind a meeting it wrote writes no snapshot: a restore could not hold that write', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-snapshot-'));
  const file = join(dir, 'meridian.db');
  const backup = join(dir, 'backup.db');
  // Its subscription stops delivering while `behind` is set, as a remote $all subscription may lag.
  let behind = false;
  const lagging = (store: SqliteEventStore): EventStore => ({
    ...store,
    subscribe: (options) => {
      let closed = false;
      const subscription = store.subscribe({
        ...options,
        onEvent: async (event) => {
          while (behind && !closed) await new Promise((resolve) => setTimeout(resolve, 10));
          if (!closed) await options.onEvent(event);
        },
      });
      return {
        close: () => {
          closed = true;
          return subscription.close();
        },
      };
    },
  });
  const first = await startApp(t, snapshotEnv(dir), dir, { storeOfApp: lagging });
  const meeting = await createMeeting(t, first, { title: 'Original' });
  await first.app.schedule.meetings.writesApplied(5_000);
  first.store.database.exec(`VACUUM INTO '${backup}'`);
  behind = true;
  const renamed = await first.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meeting.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: { title: 'Renamed' } });
  t.equal(renamed.statusCode, 200, 'read-your-write: the replica holds revision 2 before its subscription brings it');
  await first.app.close();
  await first.store.close();
  t.notOk(existsSync(snapshotEnv(dir).MERIDIAN_SNAPSHOT_FILE), 'no snapshot');

  for (const sidecar of ['-wal', '-shm']) rmSync(`${file}${sidecar}`, { force: true });
  copyFileSync(backup, file); // the operator restores the backup: revision 1 only
  const restarted = await startApp(t, snapshotEnv(dir), dir);
  const read = await restarted.as(OHCHR_TOKEN, { url: `/meetings/${meeting.id}` });
  t.match(read.json(), { title: 'Original', revision: 1 }, 'what the store holds');
  const again = await restarted.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meeting.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: { title: 'Again' } });
  t.equal(again.statusCode, 200, 'and it can be changed');
});
