import t from 'tap';
import type { MeetingEvent } from '@meridian/domain';
import { CREATED_AT, firstRelease, released, rescheduled, secondRelease, SECOND_RELEASE_AT, sessionAdded, stateOf } from '../../../packages/notices/test/given.ts';
import { openNotifyDatabase } from '../src/db/notify-database.ts';
import { notifyTables } from '../src/db/tables.ts';
import type { ActiveSubscription } from '../src/db/subscriptions-table.ts';
import { planReminders } from '../src/reminder-plan.ts';
import { missingReleaseReminders, retimeReleaseReminders } from '../src/release-reminders.ts';
import { openTestTables } from './support/tables.ts';

const GRACE_MS = 600_000;
const nowMs = CREATED_AT.epochMilliseconds;

const subscriber = (subscriptionId: string, sessionIds: string[] | null): ActiveSubscription => ({
  exists: true,
  subscriptionId,
  meetingId: 'm-1',
  channel: 'webhook',
  timeZone: 'UTC',
  locale: 'en',
  reminders: [15, 60],
  sessionIds,
  invitations: false,
  eventTypes: null,
  status: 'active',
});
const subscribers = [subscriber('s-all', null), subscriber('s-one', ['s1'])];

const plannedIds = (db: ReturnType<typeof openNotifyDatabase>) =>
  (db.prepare("SELECT id FROM reminders WHERE status = 'planned' ORDER BY id").all() as { id: string }[]).map(({ id }) => id);

/** What the reactor does for a release: re-time what moved, drop what went, add what is missing. */
const replanAfter = (db: ReturnType<typeof openNotifyDatabase>, tables: ReturnType<typeof notifyTables>, history: readonly MeetingEvent[]) => {
  const meeting = stateOf(history);
  const before = plannedIds(db);
  const options = { meeting, release: meeting.releases.at(-1)!, nowMs, graceMs: GRACE_MS };
  // one at a time, as the reactor does thousands at a time
  while (retimeReleaseReminders(tables.reminders, options, 1) === 1);
  const planFor = missingReleaseReminders(tables.reminders, options);
  const kept = new Set(plannedIds(db));
  const replaced = before.filter((id) => !kept.has(id)).length;
  const added = subscribers.flatMap(planFor);
  tables.reminders.add(added);
  return { replaced, added, wanted: subscribers.flatMap((subscription) => planReminders(subscription, meeting, nowMs, GRACE_MS)) };
};

t.test('a release re-plans only the reminders of sessions that moved or went, and ends with exactly what is wanted', async (t) => {
  const { db, tables } = openTestTables(t);
  const sorted = (ids: string[]) => [...ids].sort();

  const first = replanAfter(db, tables, firstRelease());
  t.equal(first.added.length, 3 * 2 + 2, 'Rev.1: two reminders per session followed (three and one)');

  const again = replanAfter(db, tables, firstRelease());
  t.same({ replaced: again.replaced, added: again.added.length }, { replaced: 0, added: 0 }, 'a release that moves nothing touches no reminder');

  const second = replanAfter(db, tables, secondRelease());
  t.same({ replaced: second.replaced, added: second.added.length }, { replaced: 2, added: 0 }, 'Rev.2: only s2 (followed by s-all) re-planned, its reminders re-timed');
  t.same(plannedIds(db), sorted(second.wanted.map(({ id }) => id)), 'the planned reminders are exactly the wanted ones');

  const withoutS1 = released([...secondRelease(), { type: 'SessionCancelled', data: { sessionId: 's1', reason: null } }], SECOND_RELEASE_AT.add({ hours: 1 }));
  const third = replanAfter(db, tables, withoutS1);
  t.same({ replaced: third.replaced, added: third.added.length }, { replaced: 4, added: 0 }, 'a cancelled session drops its reminders, for everyone who followed it');
  t.same(plannedIds(db), sorted(third.wanted.map(({ id }) => id)));

  db.prepare("UPDATE reminders SET status = 'enqueued'").run();
  const withS3 = released([...withoutS1, sessionAdded('s3', 'Session 3: Closing', '2025-11-26T17:00', '2025-11-26T17:30')], SECOND_RELEASE_AT.add({ hours: 2 }));
  const fourth = replanAfter(db, tables, withS3);
  t.same(fourth.added.map(({ sessionId }) => sessionId), ['s3', 's3'], 'a new session is planned; the reminders already enqueued are never planned twice');
  t.same(plannedIds(db), sorted(fourth.wanted.filter(({ sessionId }) => sessionId === 's3').map(({ id }) => id)));
});

t.test('a session moved away and back keeps the reminders already sent at its old time, and plans none twice', async (t) => {
  const { db, tables } = openTestTables(t);
  replanAfter(db, tables, firstRelease());
  db.prepare("UPDATE reminders SET status = 'enqueued' WHERE session_id = 's2'").run();
  const away = replanAfter(db, tables, secondRelease());
  t.equal(away.added.length, 2, 'moved away: s2 planned at its new time, the reminders sent at the old one kept');
  const back = replanAfter(db, tables, released([...secondRelease(), rescheduled('s2', '2025-11-26T15:00', '2025-11-26T16:30')], SECOND_RELEASE_AT.add({ hours: 1 })));
  t.same({ replaced: back.replaced, added: back.added.length }, { replaced: 2, added: 0 }, 'moved back: its planned reminders would be those already sent, dropped');
  t.same(db.prepare("SELECT status, COUNT(*) AS count FROM reminders WHERE session_id = 's2' GROUP BY status").all(), [{ status: 'enqueued', count: 2 }], 'never twice');
});

t.test('a reminder re-timed while its sending was prepared is not enqueued under its old id', async (t) => {
  const { db, tables } = openTestTables(t);
  replanAfter(db, tables, firstRelease());
  const [old] = (db.prepare("SELECT id FROM reminders WHERE session_id = 's2' AND minutes_before = 15").all() as { id: string }[]).map(({ id }) => id);
  replanAfter(db, tables, secondRelease());
  t.notOk(tables.reminders.markEnqueued(old!), 'the scheduler, which read it before the release, does not send it');
  const [retimed] = (db.prepare("SELECT id FROM reminders WHERE session_id = 's2' AND minutes_before = 15").all() as { id: string }[]).map(({ id }) => id);
  t.not(retimed, old);
  t.ok(tables.reminders.markEnqueued(retimed!), 'its new id is enqueued once');
  t.notOk(tables.reminders.markEnqueued(retimed!), 'and never twice');
});
