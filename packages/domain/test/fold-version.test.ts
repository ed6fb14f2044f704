import t from 'tap';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { evolve, FOLD_VERSION, initialState, meetingSnapshot, type ExistingMeeting, type MeetingEvent } from '../src/index.ts';

// What the recorded histories (fixtures/fold-histories.json, 40 meetings, every kind of event)
// fold to under FOLD_VERSION. A change of the fold that gives other states must bump it, or the
// snapshots services keep would go on serving the states of the fold before. (The fold reads the
// tz rules of a meeting's zones when it changes zone; the fixtures' zones have none changing around
// 2026, so only a tz database that rewrote their past would move the digest without a fold change.)
const RECORDED = { foldVersion: 1, digest: 'e2498b0b2ce8b2ff3351e84d861eab7db2289dc013fe385b5b2764ea18eec883' };

const histories = JSON.parse(readFileSync(new URL('fixtures/fold-histories.json', import.meta.url), 'utf8')) as MeetingEvent[][];

t.test('the meetings\' fold gives the states recorded for its FOLD_VERSION', async (t) => {
  const states = histories.map((events) => meetingSnapshot(events.reduce(evolve, initialState()) as ExistingMeeting));
  const digest = createHash('sha256').update(JSON.stringify(states)).digest('hex');
  if (FOLD_VERSION === RECORDED.foldVersion) {
    t.equal(digest, RECORDED.digest, 'the same events fold to other states: bump FOLD_VERSION (src/fold-version.ts), then record the new digest here');
  } else {
    t.fail(`FOLD_VERSION is ${FOLD_VERSION}: record its digest here, { foldVersion: ${FOLD_VERSION}, digest: '${digest}' }`);
  }
});
