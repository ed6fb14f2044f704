import { InvalidCheckpointError } from './errors.ts';
import type { Checkpoint } from './port.ts';

// Exactly what toCheckpoint produces: no sign, no leading zero, no exponent, no spaces.
const POSITION = /^[1-9][0-9]{0,15}$/;

/**
 * The SQLite adapter's checkpoint of a position: its decimal string.
 *
 * @example
 * toCheckpoint(42) //=> '42'
 */
export const toCheckpoint = (position: number): Checkpoint => String(position);

/**
 * The position a checkpoint of this adapter names; anything {@link toCheckpoint} cannot have
 * produced is refused, so a checkpoint of another store fails loudly instead of skipping events.
 *
 * @example
 * toPosition('42') //=> 42
 * toPosition('042') //=> throws InvalidCheckpointError
 */
export function toPosition(checkpoint: Checkpoint): number {
  const position = POSITION.test(checkpoint) ? Number(checkpoint) : Number.NaN;
  if (!Number.isSafeInteger(position)) throw new InvalidCheckpointError(checkpoint);
  return position;
}
