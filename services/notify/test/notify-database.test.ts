import t from 'tap';
import { statSync } from 'node:fs';
import { openTestTables } from './support/tables.ts';

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
