import { InvalidAppendError } from './errors.ts';
import type { AppendOptions, NewEvent } from './port.ts';

// Lowercase only: EventStoreDB stores ids as 128-bit values and answers them in lowercase, so
// accepting `A…` here would make a retried batch `a…` a different event on one store only.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// A lone surrogate (half of a UTF-16 pair): not text any store can keep. SQLite would store it as
// invalid UTF-8 and read back U+FFFD: the stream an event names would not be the one appended to.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks what the port demands of an append before any adapter touches its store, so every
 * adapter refuses the same inputs with the same error.
 *
 * An empty batch is refused: it would have no position to answer, and a writer that decided
 * nothing has nothing to append.
 *
 * @example
 * validateAppend('meeting-1', [], { expectedVersion: 0 })
 * //=> throws InvalidAppendError('meeting-1', 'the batch is empty')
 */
export function validateAppend(stream: string, events: readonly NewEvent[], options: AppendOptions): void {
  const refuse = (reason: string): never => {
    throw new InvalidAppendError(stream, reason);
  };
  if (typeof stream !== 'string' || stream.length === 0) refuse('the stream name is empty');
  if (LONE_SURROGATE.test(stream)) refuse('the stream name is not well-formed text (a lone surrogate)');
  const { expectedVersion } = options;
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    refuse(`expectedVersion must be an integer ≥ 0, not ${String(expectedVersion)}`);
  }
  if (events.length === 0) refuse('the batch is empty');
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) refuse(`event id ${JSON.stringify(event.id)} is not a lowercase UUID`);
    if (seen.has(event.id)) refuse(`event id ${event.id} appears twice in the batch`);
    seen.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0) refuse(`event ${event.id} has no type`);
    if (LONE_SURROGATE.test(event.type)) refuse(`the type of event ${event.id} is not well-formed text (a lone surrogate)`);
    if (!isJsonValue(event.data)) refuse(`the data of event ${event.id} is not JSON`);
    if (typeof event.metadata !== 'object' || event.metadata === null) refuse(`the metadata of event ${event.id} is not an object`);
  }
}

// Top level only: what JSON.stringify would drop or refuse outright. Deeper faults (a cycle, a
// bigint inside) surface when the adapter serialises, as the same InvalidAppendError.
const isJsonValue = (value: unknown): boolean =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';

/**
 * The JSON text of an event's data or metadata, or the port's InvalidAppendError when it has none
 * (deep faults the batch check cannot see: a cycle, a bigint, a function).
 *
 * @example
 * eventJson('meeting-1', event, 'data') //=> '{"sessionId":"s1"}'
 */
export function eventJson(stream: string, event: NewEvent, field: 'data' | 'metadata'): string {
  let json: string | undefined;
  try {
    // undefined (not a string) for undefined, functions and symbols; a throw for bigint and cycles
    json = JSON.stringify(event[field]) as string | undefined;
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new InvalidAppendError(stream, `the ${field} of event ${event.id} is not JSON`);
  return json;
}
