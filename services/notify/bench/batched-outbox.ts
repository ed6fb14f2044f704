import type Database from 'better-sqlite3';
import type { OutboxEntry, OutboxTable } from '../src/db/outbox.ts';

/** How the prototype groups the outbox writes of the delivery worker. */
export interface BatchedOutboxOptions {
  /** rows leased per transaction, handed out to the worker as it asks (default 64) */
  readonly leaseAhead?: number;
  /** "delivered" marks written together once this many wait (default 32) … */
  readonly marksPerWrite?: number;
  /** … or once the oldest has waited this long (default 20 ms) */
  readonly marksDelayMs?: number;
}

/**
 * A bench-only PROTOTYPE of the fix recommended for `notify.fanout`, to size it; the service does
 * not use it. It patches a running service's outbox object so that the delivery worker's writes
 * are grouped: leases are taken `leaseAhead` rows per transaction instead of one transaction per
 * freed slot, and "delivered" marks are written `marksPerWrite` at a time (or after
 * `marksDelayMs`), instead of one autocommit (one fsync) each. Still synchronous=FULL. At least
 * once holds: a crash before a mark is written sends that notification again under the same id,
 * which receivers deduplicate; a row leased ahead and never handed out is taken again when its
 * lease expires. Answers a function that writes what waits and restores the original methods.
 */
export const batchOutboxWrites = (db: Database.Database, outbox: OutboxTable, options: BatchedOutboxOptions = {}): (() => void) => {
  const { markDelivered, lease } = outbox;
  const leaseAhead = options.leaseAhead ?? 64;
  const marksPerWrite = options.marksPerWrite ?? 32;
  let marks: [id: string, at: string][] = [];
  let timer: NodeJS.Timeout | null = null;
  let ahead: OutboxEntry[] = [];

  const writeMarks = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = marks;
    marks = [];
    for (const [id, at] of batch) markDelivered(id, at);
  };
  const writeMarksNow = db.transaction(writeMarks);

  outbox.markDelivered = (id, at) => {
    marks.push([id, at]);
    if (marks.length >= marksPerWrite) writeMarksNow();
    else timer ??= setTimeout(writeMarksNow, options.marksDelayMs ?? 20);
  };
  outbox.lease = (nowMs, limit, leaseMs) => {
    if (ahead.length < limit) {
      ahead = db.transaction(() => {
        writeMarks();
        return [...ahead, ...lease(nowMs, Math.max(limit, leaseAhead) - ahead.length, leaseMs)];
      })();
    }
    return ahead.splice(0, limit);
  };
  return () => {
    writeMarksNow();
    outbox.markDelivered = markDelivered;
    outbox.lease = lease;
    ahead = [];
  };
};
