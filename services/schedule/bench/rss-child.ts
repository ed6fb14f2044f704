/**
 * One schedule service in a process of its own, for the memory figure: opens the SQLite store
 * named on the command line (an empty one when none), builds the app (its read models catch up
 * with every stored event), listens on 127.0.0.1, answers one readiness request over real HTTP,
 * then prints its memory as one JSON line and exits. Run by schedule.bench.ts; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@meridian/event-store';
import { buildScheduleApp } from '../src/app.ts';
import { benchConfig, FixedClock } from './service.ts';

const given = process.argv[2];
const scratch = given ? null : mkdtempSync(join(tmpdir(), 'meridian-rss-'));
const path = given ?? join(scratch!, 'empty.db');
const store = openSqliteEventStore({ path });
const app = await buildScheduleApp({ config: benchConfig(path), store, clock: new FixedClock(), logger: false });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const ready = await fetch(`${url}/readyz`);
await ready.arrayBuffer();
const meetings = app.schedule.meetings.size;
globalThis.gc?.();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    meetings,
    status: ready.status,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: memory.rss / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
  })}\n`,
);
await app.close();
await store.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
