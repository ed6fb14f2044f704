import t from 'tap';
import { InvalidCheckpointError } from '../../src/errors.ts';
import { checkpointToPosition, comparePositions, positionToCheckpoint } from '../../src/esdb/checkpoint.ts';

t.test('a position is written "<commit>/<prepare>" and read back exactly', async (t) => {
  t.equal(positionToCheckpoint({ commit: 1234n, prepare: 1234n }), '1234/1234');
  t.equal(positionToCheckpoint({ commit: 0n, prepare: 0n }), '0/0');
  t.equal(positionToCheckpoint({ commit: 1_048_576, prepare: '1048700' }), '1048576/1048700', 'numbers and strings too');
  const large = { commit: 9223372036854775807n, prepare: 9223372036854775000n };
  t.same(checkpointToPosition(positionToCheckpoint(large)), large, 'int64 values beyond 2^53 survive');
  for (const position of [
    { commit: 0n, prepare: 0n },
    { commit: 4_201_337n, prepare: 4_201_337n },
    { commit: 4_201_337n, prepare: 4_201_590n },
  ]) {
    t.same(checkpointToPosition(positionToCheckpoint(position)), position);
  }
});

t.test('anything positionToCheckpoint cannot have written is an InvalidCheckpointError', async (t) => {
  const refused = [
    '',
    'not-a-checkpoint',
    '-1',
    '1.5',
    '42', // an SQLite checkpoint
    '1/2/3',
    '01/1',
    '1/01',
    '-1/-1',
    ' 1/1',
    '1/1 ',
    '1e3/1',
    '9223372036854775808/0', // beyond int64
    '/',
    '1/',
  ];
  for (const checkpoint of refused) {
    t.throws(() => checkpointToPosition(checkpoint), InvalidCheckpointError, JSON.stringify(checkpoint));
  }
  const error = t.throws(() => checkpointToPosition('42'));
  t.match(error, { code: 'INVALID_CHECKPOINT', checkpoint: '42' });
});

t.test('positions order by commit, then prepare', async (t) => {
  const a = { commit: 100n, prepare: 100n };
  const b = { commit: 100n, prepare: 180n }; // a second event of the same append
  const c = { commit: 300n, prepare: 300n };
  t.equal(comparePositions(a, b), -1);
  t.equal(comparePositions(b, a), 1);
  t.equal(comparePositions(b, c), -1);
  t.equal(comparePositions(c, { commit: 300, prepare: '300' }), 0, 'whatever the representation');
  t.same([c, b, a].sort(comparePositions), [a, b, c]);
});
