/**
 * $all positions ↔ the port's opaque checkpoints.
 *
 * An EventStoreDB position is a pair of transaction-file offsets, `{ commit, prepare }`; both are
 * needed, since the events of one append can share a commit position. The checkpoint is
 * `"<commit>/<prepare>"` in decimal, so it survives JSON and SQL text columns without bigint
 * support, and sorts nowhere by accident (compare with {@link comparePositions}).
 */
import type { Position } from '@eventstore/db-client';
import { InvalidCheckpointError } from '../errors.ts';
import type { Checkpoint } from '../port.ts';
import { toBigInt, type Int64Like } from './mapping.ts';

/** A position as the client may give it: bigints normally, numbers or strings on other paths. */
export interface PositionLike {
  readonly commit: Int64Like;
  readonly prepare: Int64Like;
}

// Exactly what positionToCheckpoint writes: two decimal int64s without sign or leading zero.
const CHECKPOINT = /^(0|[1-9][0-9]{0,18})\/(0|[1-9][0-9]{0,18})$/;

/**
 * The checkpoint of a $all position.
 *
 * @example
 * positionToCheckpoint({ commit: 1234n, prepare: 1234n }) //=> '1234/1234'
 */
export function positionToCheckpoint(position: PositionLike): Checkpoint {
  return `${toBigInt(position.commit)}/${toBigInt(position.prepare)}`;
}

/**
 * The $all position a checkpoint of this adapter names. Anything {@link positionToCheckpoint}
 * cannot have written (an SQLite checkpoint such as `'42'`, a sign, a leading zero, a value
 * beyond int64) is refused, so a checkpoint of another store fails loudly instead of skipping.
 *
 * @example
 * checkpointToPosition('1234/1234') //=> { commit: 1234n, prepare: 1234n }
 * checkpointToPosition('42') //=> throws InvalidCheckpointError
 */
export function checkpointToPosition(checkpoint: Checkpoint): Position {
  const match = typeof checkpoint === 'string' ? CHECKPOINT.exec(checkpoint) : null;
  if (!match) throw new InvalidCheckpointError(String(checkpoint));
  try {
    return { commit: toBigInt(match[1]!), prepare: toBigInt(match[2]!) };
  } catch {
    throw new InvalidCheckpointError(checkpoint);
  }
}

/**
 * Orders two positions as $all does: by commit, then by prepare.
 *
 * @example
 * comparePositions({ commit: 5n, prepare: 9n }, { commit: 5n, prepare: 7n }) //=> 1
 */
export function comparePositions(a: PositionLike, b: PositionLike): -1 | 0 | 1 {
  const [ac, bc] = [toBigInt(a.commit), toBigInt(b.commit)];
  if (ac !== bc) return ac < bc ? -1 : 1;
  const [ap, bp] = [toBigInt(a.prepare), toBigInt(b.prepare)];
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}
