/**
 * Append throughput: the SQLite adapter (one event per append, synchronous=FULL) against raw
 * better-sqlite3 inserts of the same rows, each in its own transaction, into the same schema with
 * the same pragmas on the same file system. The adapter's appends are sequential, each awaited
 * before the next is requested: each is then a group commit of one (its own IMMEDIATE
 * transaction, one sync, after the turn of the event loop it was requested in), so group commit
 * saves nothing here and the figure stays one transaction per append against one per insert.
 */
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/sqlite-event-store.ts';
import { openEventsDatabase } from '../src/sqlite-schema.ts';
import type { NewEvent } from '../src/port.ts';
import { newMeetingEvent } from './meeting-events.ts';

const MEETINGS = 100;
const PER_ROUND = 300;
const ROUNDS = 20;

/** Events per second of each side, summed over alternating rounds so that disk noise hits both. */
export interface AppendFigures {
  readonly adapter: number;
  readonly raw: number;
}

interface Append {
  readonly stream: string;
  readonly version: number;
  readonly event: NewEvent;
}

/** The appends of one run: round-robin over the meetings, one event each. */
function appendsOf(count: number, runId: string): Append[] {
  return Array.from({ length: count }, (_, n) => {
    const meeting = `${runId}-${n % MEETINGS}`;
    const index = Math.floor(n / MEETINGS) % 100;
    return { stream: `meeting-${meeting}`, version: Math.floor(n / MEETINGS) + 1, event: newMeetingEvent(meeting, index) };
  });
}

export async function measureAppend(dir: string): Promise<AppendFigures> {
  const store = openSqliteEventStore({ path: join(dir, 'append-adapter.db') });
  const raw = openEventsDatabase(join(dir, 'append-raw.db'), { busyTimeoutMs: 5000 });
  const insert = raw.prepare('INSERT INTO events (id, stream, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertOne = raw.transaction((row: unknown[]) => insert.run(...row));

  const adapterRun = async (appends: readonly Append[]) => {
    for (const { stream, version, event } of appends) await store.append(stream, [event], { expectedVersion: version - 1 });
  };
  // The baseline gets its rows ready-made (JSON already serialised): only the inserts are timed.
  const rawRun = (appends: readonly Append[]) => {
    const recordedAt = new Date().toISOString();
    const rows = appends.map(({ stream, version, event }) => [
      event.id,
      stream,
      version,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    ]);
    const started = performance.now();
    for (const row of rows) insertOne(row);
    return performance.now() - started;
  };

  let adapterMs = 0;
  let rawMs = 0;
  // Round 0 warms both up (JIT, file growth) and is not counted.
  for (let round = 0; round <= ROUNDS; round += 1) {
    const adapterAppends = appendsOf(PER_ROUND, `a${round}`);
    const started = performance.now();
    await adapterRun(adapterAppends);
    const adapterRound = performance.now() - started;
    const rawRound = rawRun(appendsOf(PER_ROUND, `r${round}`));
    if (round > 0) {
      adapterMs += adapterRound;
      rawMs += rawRound;
    }
  }
  await store.close();
  raw.close();
  const events = PER_ROUND * ROUNDS;
  return { adapter: (events / adapterMs) * 1000, raw: (events / rawMs) * 1000 };
}
