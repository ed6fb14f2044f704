/**
 * Event-store benchmark (`pnpm bench`): prints one figure per line,
 * `<figure-id>: <value> <unit> (ratio <r> vs <baseline>)`, every figure and its baseline measured
 * in this same run on this machine. Not a test: nothing here runs in CI.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAppend } from './append-bench.ts';
import { measureReplay } from './replay-bench.ts';

const figure = (id: string, value: number, unit: string, ratio?: { of: number; baseline: string }) =>
  console.log(`${id}: ${Math.round(value)} ${unit}${ratio ? ` (ratio ${ratio.of.toFixed(2)} vs ${ratio.baseline})` : ''}`);

const dir = await mkdtemp(join(tmpdir(), 'meridian-bench-'));
try {
  const append = await measureAppend(dir);
  figure('store.append', append.adapter, 'events/s', { of: append.adapter / append.raw, baseline: 'raw-better-sqlite3-insert' });
  const replay = await measureReplay(dir);
  figure('store.replay', replay.fold, 'events/s', { of: replay.fold / replay.raw, baseline: 'raw-select-json-parse' });
  figure('store.replay.rss', replay.foldPeakRssMb, 'MB');
  // The same reads without the domain's fold: the adapter's own share of the replay.
  figure('store.replay.read', replay.read, 'events/s', { of: replay.read / replay.raw, baseline: 'raw-select-json-parse' });
  // The same reads folded in place, no pure `evolve`: what holding the meetings in memory costs at the least.
  figure('store.replay.in-place', replay.inPlace, 'events/s', { of: replay.inPlace / replay.raw, baseline: 'raw-select-json-parse' });
} finally {
  await rm(dir, { recursive: true, force: true });
}
