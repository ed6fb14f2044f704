import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { openNotifyDatabase } from '../../src/db/notify-database.ts';
import { notifyTables } from '../../src/db/tables.ts';

/** The notify tables on a database file of the test's own, closed and removed after it. */
export const openTestTables = (t: Test) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-notify-tables-'));
  const db = openNotifyDatabase(join(dir, 'notify.db'));
  t.teardown(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, tables: notifyTables(db) };
};
