/**
 * One replay of a benchmark file, alone in its process so that its time and peak RSS are its own.
 * Prints `{"events","meetings","ms","cpuMs","peakRssMb"}`: `meetings` is the number of read models
 * built (null without a fold), `ms` wall time of the replay, `cpuMs` its CPU time
 * (all threads of the process, garbage collection included).
 *
 * usage: node --import tsx replay-child.ts <fold|in-place|read|raw> <file>
 * - fold: readAll in batches through the SQLite adapter, folded through the domain's `evolve`
 *   into a Map of meeting id → state (an in-memory read model);
 * - in-place: the same reads folded by `applyInPlace` into mutable objects (the least any
 *   in-memory read model of these facts costs, see `in-place-fold.ts`);
 * - read: the same reads without a fold, to tell the adapter's share from the domain's;
 * - raw: one `SELECT` over the table with `JSON.parse` of data and metadata, nothing else.
 */
import Database from 'better-sqlite3';
import { evolve, initialState, type Meeting, type MeetingEvent } from '@meridian/domain';
import { openSqliteEventStore } from '../src/sqlite-event-store.ts';
import type { Checkpoint, RecordedEvent } from '../src/port.ts';
import { applyInPlace, type MutableMeeting } from './in-place-fold.ts';

const BATCH = 1000;

/** A read model as a replay builds it: each event applied, then how many meetings it holds. */
interface Fold {
  apply(event: RecordedEvent): void;
  meetings(): number;
}

function evolveFold(): Fold {
  const meetings = new Map<string, Meeting>();
  return {
    apply: (event) => meetings.set(event.stream, evolve(meetings.get(event.stream) ?? initialState(), event as unknown as MeetingEvent)),
    meetings: () => [...meetings.values()].filter((meeting) => meeting.exists).length,
  };
}

function inPlaceFold(): Fold {
  const meetings = new Map<string, MutableMeeting>();
  return { apply: (event) => applyInPlace(meetings, event.stream, event as unknown as MeetingEvent), meetings: () => meetings.size };
}

async function replayThroughAdapter(file: string, fold: Fold | null) {
  const store = openSqliteEventStore({ path: file });
  let events = 0;
  let after: Checkpoint | undefined;
  for (;;) {
    const batch = await store.readAll(after === undefined ? { limit: BATCH } : { after, limit: BATCH });
    if (batch.length === 0) break;
    if (fold !== null) for (const event of batch) fold.apply(event);
    events += batch.length;
    after = batch.at(-1)!.position;
  }
  await store.close();
  return { events, meetings: fold === null ? null : fold.meetings() };
}

function scanRaw(file: string) {
  const db = new Database(file, { readonly: true });
  const scan = db.prepare<[], { stream: string; data: string; metadata: string }>('SELECT stream, data, metadata FROM events ORDER BY position');
  let events = 0;
  for (const row of scan.iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events += 1;
  }
  db.close();
  return { events, meetings: null };
}

const [mode, file] = process.argv.slice(2);
const folds: Record<string, () => Fold | null> = { fold: evolveFold, 'in-place': inPlaceFold, read: () => null };
if (mode === undefined || (mode !== 'raw' && !Object.hasOwn(folds, mode)) || !file) throw new Error('usage: replay-child.ts <fold|in-place|read|raw> <file>');
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const counted = mode === 'raw' ? scanRaw(file) : await replayThroughAdapter(file, folds[mode]!());
const ms = performance.now() - started;
const { user, system } = process.cpuUsage(cpuAtStart);
// maxRSS is the peak of this process's life, whose only job was this replay (kilobytes).
console.log(JSON.stringify({ ...counted, ms, cpuMs: (user + system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
