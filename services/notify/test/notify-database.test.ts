import t from 'tap';
import { statSync } from 'node:fs';
import { openTestTables } from './support/tables.ts';
import { inDerivedTransaction } from '../src/db/notify-database.ts';

t.test('the write-ahead log shrinks back after a long transaction, so erased data does not linger past its end', async (t) => {
  const { db, tables } = openTestTables(t);
  const limit = db.pragma('journal_size_limit', { simple: true }) as number;
  t.ok(limit > 0, 'a limit is set');
  // A transaction three times the limit (a large fan-out) grows the log well past it.
  const filler = 'x'.repeat(2_000);
  db.transaction(() => {
    for (let row = 0; row < (3 * limit) / filler.length; row += 1) {
      tables.contacts.add({ subscriptionId: `s-${row}`, address: null, url: `https://hooks.example.org/${filler}`, secrets: [] }, '2031-01-01T00:00:00Z');
    }
  })();
  const wal = `${db.name}-wal`;
  t.ok(statSync(wal).size > 2 * limit, 'the log grew well past the limit');

  db.pragma('wal_checkpoint(PASSIVE)');
  tables.contacts.erase('s-0');
  t.ok(statSync(wal).size <= limit, 'the next write after the checkpoint starts the log again, truncated to the limit');
});

t.test("derived writes (reactor, reminders, delivery outcomes) do not wait for the disk; every other commit still does", async (t) => {
  const { db, tables } = openTestTables(t);
  const synchronous = () => db.pragma('synchronous', { simple: true });
  const FULL = 2;
  const NORMAL = 1;
  t.equal(synchronous(), FULL, 'the connection waits for the disk');

  t.equal(inDerivedTransaction(db, () => synchronous()), NORMAL, 'inside a derived transaction: a commit that does not wait');
  t.equal(synchronous(), FULL, 'after it, the connection waits again');

  t.throws(() => inDerivedTransaction(db, () => {
    throw new Error('the database is busy');
  }), /busy/);
  t.equal(synchronous(), FULL, 'after one that threw, too');

  tables.outbox.recordAndLease([], Date.now(), 10, 15_000);
  t.equal(synchronous(), FULL, 'the outbox restores it after a turn of the delivery worker');

  tables.contacts.add({ subscriptionId: 's-1', address: 'ana@example.org', url: null, secrets: [] }, '2031-01-01T00:00:00Z');
  t.equal(synchronous(), FULL, 'a contact (personal data, not derived) is written by a commit that waits');
});
