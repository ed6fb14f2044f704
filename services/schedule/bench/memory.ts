import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteEventStore } from '@meridian/event-store';
import { seedMeetingsThroughStore } from './meetings.ts';
import { median, note, printFigure } from './stats.ts';

interface ChildMemory {
  readonly meetings: number;
  readonly status: number;
  readonly maxRssMb: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
}

const CHILD = fileURLToPath(new URL('./rss-child.ts', import.meta.url));
const runChild = async (storePath?: string): Promise<ChildMemory> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, ...(storePath ? [storePath] : [])], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildMemory;
};

/**
 * `schedule.rss`: the peak RSS (maxRSS) of a service process whose read models hold 1,000
 * released meetings × 20 sessions, against the same process on an empty store; `rounds` of each,
 * alternating, medians.
 */
export const measureMemory = async (dir: string, rounds: number): Promise<void> => {
  const path = join(dir, 'memory.db');
  const store = openSqliteEventStore({ path });
  const seeding = performance.now();
  await seedMeetingsThroughStore(store, 1_000, 20);
  const events = (store.database.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number }).count;
  await store.close();
  note(`memory store: 1,000 released meetings × 20 sessions, ${events} events, seeded through the store in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const empty: number[] = [];
  const loaded: number[] = [];
  let last: ChildMemory | undefined;
  for (let round = 0; round < rounds; round += 1) {
    const bare = await runChild();
    last = await runChild(path);
    if (bare.status !== 200 || last.status !== 200 || last.meetings !== 1_000) throw new Error(`memory child: ${JSON.stringify({ bare, last })}`);
    empty.push(bare.maxRssMb);
    loaded.push(last.maxRssMb);
  }
  note(
    `schedule.rss rounds: loaded ${loaded.map((mb) => mb.toFixed(1)).join(' / ')} MB, empty ${empty.map((mb) => mb.toFixed(1)).join(' / ')} MB; ` +
      `loaded, after a GC: rss ${last!.rssMb.toFixed(1)} MB, heap used ${last!.heapUsedMb.toFixed(1)} MB`,
  );
  printFigure('schedule.rss', median(loaded), 'MB', median(empty), 'empty-service-rss', 1);
};
