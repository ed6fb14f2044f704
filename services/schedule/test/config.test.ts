import { join } from 'node:path';
import t from 'tap';
import { findRepoRoot } from '@meridian/event-store';
import { loadScheduleConfig } from '../src/config.ts';

t.test('a relative MERIDIAN_SNAPSHOT_FILE is read from the repository root, as MERIDIAN_STORE is, not from the service\'s folder', async (t) => {
  const root = findRepoRoot()!;
  const config = loadScheduleConfig({ MERIDIAN_STORE: 'sqlite:data/meridian.db', MERIDIAN_SNAPSHOT_FILE: 'data/read-models.ndjson' }, () => 'secret');
  t.same(config.store, { kind: 'sqlite', path: join(root, 'data', 'meridian.db') });
  t.equal(config.snapshotFile, join(root, 'data', 'read-models.ndjson'), 'beside the store it snapshots');
  t.equal(loadScheduleConfig({ MERIDIAN_SNAPSHOT_FILE: '/var/lib/meridian/read-models.ndjson' }, () => 'secret').snapshotFile, '/var/lib/meridian/read-models.ndjson');
});
