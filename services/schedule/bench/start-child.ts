/**
 * One start of the schedule service in a process of its own, for the start figure: opens the
 * SQLite store named on the command line, builds the app (its read models from the store, or from
 * the snapshot file when one is named), prints one JSON line and exits. Run by `start.ts`; not a
 * test.
 *
 * usage: node --import tsx start-child.ts <store> [snapshot file]
 */
import { openSqliteEventStore } from '@meridian/event-store';
import { buildScheduleApp } from '../src/app.ts';
import { loadScheduleConfig } from '../src/config.ts';
import { FixedClock } from './service.ts';

const [path, snapshotFile] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: start-child.ts <store> [snapshot file]');
const config = loadScheduleConfig(
  { MERIDIAN_STORE: `sqlite:${path}`, MERIDIAN_SECRET: 'a-bench-secret-of-at-least-32-characters!', ...(snapshotFile !== undefined && { MERIDIAN_SNAPSHOT_FILE: snapshotFile }) },
  () => 'unused',
);
const cpuAtStart = process.cpuUsage();
const store = openSqliteEventStore({ path });
const app = await buildScheduleApp({ config, store, clock: new FixedClock(), logger: false });
const { user, system } = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ meetings: app.schedule.meetings.size, replayed: app.schedule.projector.eventsProcessed, cpuMs: (user + system) / 1000 }));
// Closing writes the snapshot when one is named: the file the next start reads.
await app.close();
await store.close();
