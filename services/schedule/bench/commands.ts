import { join } from 'node:path';
import { Temporal } from '@meridian/domain';
import { openSqliteEventStore, type SqliteEventStore } from '@meridian/event-store';
import type { Harness } from './harness.ts';
import type { LoadResult } from './load-client.ts';
import { BENCH_TOKEN, seedMeetingsThroughStore, sessionInput } from './meetings.ts';
import { startService, type BenchService } from './service.ts';

/** Meetings the reschedule load walks: more than connections, each owned by one connection. */
export const COMMAND_MEETINGS = 128;

export interface CommandService {
  readonly service: BenchService;
  readonly meetingIds: readonly string[];
}

/**
 * A schedule service on a store file of its own, holding COMMAND_MEETINGS released meetings of
 * two sessions (seeded through the store before it starts). `wrapStore` puts a diagnostic in
 * front of its store.
 */
export const startCommandService = async (dir: string, name: string, wrapStore?: (store: SqliteEventStore) => SqliteEventStore): Promise<CommandService> => {
  const path = join(dir, `${name}.db`);
  const seeding = openSqliteEventStore({ path });
  const meetingIds = await seedMeetingsThroughStore(seeding, COMMAND_MEETINGS, 2);
  await seeding.close();
  return { service: await startService(path, wrapStore), meetingIds };
};

/**
 * Every session of the command meetings (grouped by meeting, for the load's connections to own),
 * each with its two starts (5 and 10 minutes after the seeded one), first the one that differs
 * from the session's current start: a request cut off at the end of the previous run may or may
 * not have been applied.
 */
export const toggleTargets = ({ service, meetingIds }: CommandService) =>
  [0, 1].flatMap((index) => {
    const session = sessionInput(index);
    const seeded = Temporal.PlainDateTime.from(session.start);
    const moved = (minutes: number) => seeded.add({ minutes }).toString({ smallestUnit: 'minute' });
    return meetingIds.map((meetingId, group) => {
      const current = service.app.schedule.meetings.meeting(meetingId)?.meeting.sessions.get(session.id)?.start.local;
      const [first, second] = current === moved(5) ? [moved(10), moved(5)] : [moved(5), moved(10)];
      return { path: `/meetings/${meetingId}/sessions/${session.id}`, group, bodies: [JSON.stringify({ start: first }), JSON.stringify({ start: second })] as [string, string] };
    });
  });

export const COMMAND_HEADERS = { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' };

const rescheduledEvents = (store: SqliteEventStore) =>
  (store.database.prepare("SELECT COUNT(*) AS count FROM events WHERE type = 'SessionRescheduled'").get() as { count: number }).count;

/**
 * The reschedule load on a command service for `seconds`, checked: every answer a 200, and one
 * SessionRescheduled event appended per answer (requests cut off at the end, one per connection
 * at most, may add theirs).
 */
export const rescheduleLoad =
  (harness: Harness, target: CommandService, name: string, connections: number) =>
  async (seconds: number): Promise<LoadResult> => {
    await harness.settle();
    const before = rescheduledEvents(target.service.store);
    const job = { url: target.service.url, connections, durationSeconds: seconds, toggle: { targets: toggleTargets(target), headers: COMMAND_HEADERS } };
    const result = await harness.measure(name, job, '2xx');
    await harness.settle();
    const appended = rescheduledEvents(target.service.store) - before;
    if (appended < result.total || appended > result.total + connections) {
      throw new Error(`${name}: ${result.total} answers but ${appended} SessionRescheduled events (not every request was a real change)`);
    }
    return result;
  };
