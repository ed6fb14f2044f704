import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteEventStore } from '@meridian/event-store';
import { EVENTS_PER_MEETING, newMeetingEvent } from '../../../packages/event-store/bench/meeting-events.ts';
import { median, note, printFigure } from './stats.ts';

const MEETINGS = 2_000;

interface ChildStart {
  readonly meetings: number;
  readonly replayed: number;
  readonly cpuMs: number;
}

const CHILD = fileURLToPath(new URL('./start-child.ts', import.meta.url));
const startChild = async (storePath: string, snapshotFile?: string): Promise<ChildStart> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, storePath, ...(snapshotFile === undefined ? [] : [snapshotFile])], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildStart;
};

/**
 * `schedule.start`: how fast a replica's read models are ready from its snapshot
 * (`MERIDIAN_SNAPSHOT_FILE`), against replaying the store, on 2,000 meetings of long histories
 * (the store benchmark's 100 events each: 50 sessions, edits, 4 releases). Each start in its own
 * process, counted in CPU time (the machine is shared); `rounds` of each, alternating, medians;
 * as events made ready per CPU second.
 */
export const measureStart = async (dir: string, rounds: number): Promise<void> => {
  const path = join(dir, 'start.db');
  const snapshotFile = join(dir, 'start-snapshot.ndjson');
  const store = openSqliteEventStore({ path });
  const seeding = performance.now();
  await Promise.all(
    Array.from({ length: MEETINGS }, () => {
      const meetingId = randomUUID();
      return store.append(`meeting-${meetingId}`, Array.from({ length: EVENTS_PER_MEETING }, (_, index) => newMeetingEvent(meetingId, index)), { expectedVersion: 0 });
    }),
  );
  await store.close();
  const events = MEETINGS * EVENTS_PER_MEETING;
  // The first start with the file named replays and writes it.
  const first = await startChild(path, snapshotFile);
  note(`start store: ${MEETINGS} meetings × ${EVENTS_PER_MEETING} events, seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s; first start replayed ${first.replayed} events and wrote the snapshot`);
  const replays: number[] = [];
  const restores: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const replayed = await startChild(path);
    const restored = await startChild(path, snapshotFile);
    if (replayed.replayed !== events || restored.replayed !== 0 || restored.meetings !== MEETINGS || replayed.meetings !== MEETINGS) {
      throw new Error(`start child: ${JSON.stringify({ replayed, restored })}`);
    }
    replays.push(replayed.cpuMs);
    restores.push(restored.cpuMs);
  }
  note(`schedule.start rounds (CPU ms): from the snapshot ${restores.map(Math.round).join(' / ')}, replaying ${replays.map(Math.round).join(' / ')}`);
  printFigure('schedule.start', events / (median(restores) / 1000), 'events/s', events / (median(replays) / 1000), 'full-replay');
};
