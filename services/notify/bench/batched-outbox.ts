import type Database from 'better-sqlite3';
import type { OutboxTable } from '../src/db/outbox.ts';

/**
 * A bench-only PROTOTYPE of the fix recommended for `notify.fanout`, to size it; the service does
 * not use it. It patches a running service's outbox object so that the "delivered" marks of one
 * turn of the event loop are written in one transaction (one fsync, still synchronous=FULL),
 * together with the next lease when one comes first, instead of one autocommit (one fsync) per
 * delivery. At-least-once holds: a crash before the flush re-sends those notifications under the
 * same ids, which receivers deduplicate. Answers a function that restores the original methods.
 */
export const batchDeliveredMarks = (db: Database.Database, outbox: OutboxTable): (() => void) => {
  const { markDelivered, lease } = outbox;
  let pending: [id: string, at: string][] = [];
  const flushPending = () => {
    const marks = pending;
    pending = [];
    for (const [id, at] of marks) markDelivered(id, at);
  };
  const flush = db.transaction(flushPending);
  outbox.markDelivered = (id, at) => {
    if (pending.length === 0) setImmediate(() => pending.length > 0 && flush());
    pending.push([id, at]);
  };
  outbox.lease = (nowMs, limit, leaseMs) =>
    db.transaction(() => {
      flushPending();
      return lease(nowMs, limit, leaseMs);
    })();
  return () => {
    flush();
    outbox.markDelivered = markDelivered;
    outbox.lease = lease;
  };
};
