import * as esdb from '@eventstore/db-client';
import t from 'tap';
import { InvalidCheckpointError } from '../../src/errors.ts';
import { competingGroupSettings, failureReason, isAfterStartFrom, nackActionFor, validateGroupName } from '../../src/esdb/competing-settings.ts';

t.test('a failing event is retried maxRetries times, then parked', async (t) => {
  const actions = [0, 1, 2, 3, 4, 5, 6].map((retryCount) => nackActionFor(retryCount, 5));
  t.same(actions, ['retry', 'retry', 'retry', 'retry', 'retry', 'park', 'park'], '6 hand-outs in all: the first and 5 retries');
  t.equal(nackActionFor(0, 0), 'park', 'maxRetries 0 parks at the first failure');
});

t.test('a new group: round robin, our retry count, no links, from the start unless told', async (t) => {
  const settings = esdb.persistentSubscriptionToAllSettingsFromDefaults(competingGroupSettings(esdb));
  t.match(settings, {
    startFrom: esdb.START,
    maxRetryCount: 5,
    messageTimeout: 30_000,
    consumerStrategyName: esdb.ROUND_ROBIN,
    resolveLinkTos: false,
  });
  t.equal(competingGroupSettings(esdb, { startFrom: 'end' }).startFrom, esdb.END);
  t.same(competingGroupSettings(esdb, { startFrom: '4096/4100' }).startFrom, { commit: 4096n, prepare: 4100n }, 'after a checkpoint');
  t.match(competingGroupSettings(esdb, { maxRetries: 2, messageTimeoutMs: 5000 }), { maxRetryCount: 2, messageTimeout: 5000 });
  t.throws(() => competingGroupSettings(esdb, { startFrom: '42' }), InvalidCheckpointError, 'an SQLite checkpoint');
  t.throws(() => competingGroupSettings(esdb, { maxRetries: -1 }), RangeError);
  t.throws(() => competingGroupSettings(esdb, { messageTimeoutMs: 0 }), RangeError);
});

t.test('the group is created with the server-side filter that excludes system events', async (t) => {
  // What ensureGroup passes: the same filter as the catch-up subscriptions.
  const { userEventsFilter } = await import('../../src/esdb/filter.ts');
  t.same(userEventsFilter(esdb), { filterOn: 'eventType', checkpointInterval: 1, regex: '^[^$].*', checkpointReached: undefined });
  const kept: unknown[] = [];
  const filter = userEventsFilter(esdb, (position) => void kept.push(position), 3);
  t.equal(filter.checkpointInterval, 3);
  await filter.checkpointReached?.(undefined as never, { commit: 1n, prepare: 1n });
  t.same(kept, [{ commit: 1n, prepare: 1n }], 'checkpointReached hands the position on');
});

t.test('the nack reason is one short line without a stack', async (t) => {
  t.equal(failureReason(new TypeError('smtp down')), 'TypeError: smtp down');
  t.equal(failureReason('plain'), 'plain');
  const long = failureReason(new Error(`line one\n   line two ${'x'.repeat(500)}`));
  t.equal(long.length, 300);
  t.notMatch(long, /\n/);
  t.notMatch(failureReason(new Error('boom')), /at .*\.ts/);
});

t.test('group names are plain words', async (t) => {
  for (const name of ['notify', 'notify-workers', 'notify_v2.eu']) t.doesNotThrow(() => validateGroupName(name), name);
  for (const name of ['', 'notify workers', 'a/b', 'x'.repeat(101), 'ünïcode']) t.throws(() => validateGroupName(name), RangeError, JSON.stringify(name));
});

t.test('a group started from a checkpoint hands out only what is strictly after it', async (t) => {
  // The server starts the group AT the position: the event there is handed out, and acked unhandled.
  const isAfterStart = isAfterStartFrom('4096/4100');
  t.equal(isAfterStart({ commit: 4096n, prepare: 4100n }), false, 'the event at the checkpoint');
  t.equal(isAfterStart({ commit: 4000n, prepare: 4000n }), false, 'an event before it');
  t.equal(isAfterStart({ commit: 4096n, prepare: 4200n }), true, 'later in the same commit');
  t.equal(isAfterStart({ commit: 5000n, prepare: 5000n }), true, 'a later commit');
  for (const startFrom of [undefined, 'start', 'end'] as const) {
    t.equal(isAfterStartFrom(startFrom)({ commit: 0n, prepare: 0n }), true, `${startFrom ?? 'no startFrom'}: everything the server hands out`);
  }
  t.throws(() => isAfterStartFrom('42'), InvalidCheckpointError, 'an SQLite checkpoint');
});
