/**
 * Replay: 1,000,000 events (10,000 meetings × 100) read through the adapter and folded into
 * read models, against a raw SELECT + JSON.parse scan of the same table; also the adapter's reads
 * alone, to tell its share of the time from the domain's, and the same reads folded in place into
 * mutable objects (`in-place-fold.ts`), to tell the price of a pure `evolve` from that of holding
 * the meetings in memory at all. Each replay runs in its own process, so
 * its time and peak RSS are its own. Throughput is counted in CPU time (user + system) of that
 * process: the replays are CPU-bound (the file is in the page cache), and on a shared machine wall
 * time measures the neighbours as much as the code.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openEventsDatabase } from '../src/sqlite-schema.ts';
import { benchMetadata, EVENTS_PER_MEETING, meetingEvent } from './meeting-events.ts';

// REPLAY_MEETINGS makes a smaller replay while iterating; the figure to report is the default.
const MEETINGS = Number(process.env.REPLAY_MEETINGS ?? 10_000);
const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
type Mode = 'fold' | 'in-place' | 'read' | 'raw';

/** One replay as `replay-child.ts` reports it. */
interface ReplayRun {
  readonly events: number;
  readonly meetings: number | null;
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

/** Events per CPU second of each mode, and the folding replay's peak RSS. */
export interface ReplayFigures {
  readonly fold: number;
  readonly inPlace: number;
  readonly read: number;
  readonly raw: number;
  readonly foldPeakRssMb: number;
}

/**
 * Writes the meetings into a new store file in one transaction, interleaved as a busy service
 * would see them: the first event of every meeting, then the second of every meeting, and so on.
 */
function generate(file: string): void {
  const db = openEventsDatabase(file, { busyTimeoutMs: 5000 });
  // Generation is not measured: no journal, no wait for the disk, a cache that holds the indexes.
  // (The adapter turns WAL back on when it opens the file.)
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insert = db.prepare('INSERT INTO events (id, stream, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // One JSON text per event index, with the meeting id filled in per meeting: much faster than
  // building and serialising a million objects.
  const templates = Array.from({ length: EVENTS_PER_MEETING }, (_, index) => {
    const { type, data } = meetingEvent(PLACEHOLDER, index);
    return { type, data: JSON.stringify(data) };
  });
  const meetingIds = Array.from({ length: MEETINGS }, () => randomUUID());
  db.transaction(() => {
    for (const [index, { type, data }] of templates.entries()) {
      for (const meetingId of meetingIds) {
        const metadata = JSON.stringify(benchMetadata());
        insert.run(randomUUID(), `meeting-${meetingId}`, index + 1, type, data.replaceAll(PLACEHOLDER, meetingId), metadata, '2025-09-01T08:05:00.000Z');
      }
    }
  })();
  db.close();
}

const child = fileURLToPath(new URL('replay-child.ts', import.meta.url));

async function replay(mode: Mode, file: string): Promise<ReplayRun> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, mode, file], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  const run = JSON.parse(stdout) as ReplayRun;
  const expected = MEETINGS * EVENTS_PER_MEETING;
  if (run.events !== expected || ((mode === 'fold' || mode === 'in-place') && run.meetings !== MEETINGS)) {
    throw new Error(`${mode} replay saw ${run.events} events and ${run.meetings} meetings, expected ${expected} and ${MEETINGS}`);
  }
  return run;
}

export async function measureReplay(dir: string): Promise<ReplayFigures> {
  const file = join(dir, 'replay.db');
  generate(file);
  const [raw, read, inPlace, fold] = [await replay('raw', file), await replay('read', file), await replay('in-place', file), await replay('fold', file)];
  const perCpuSecond = (run: ReplayRun) => (run.events / run.cpuMs) * 1000;
  return { fold: perCpuSecond(fold), inPlace: perCpuSecond(inPlace), read: perCpuSecond(read), raw: perCpuSecond(raw), foldPeakRssMb: fold.peakRssMb };
}
