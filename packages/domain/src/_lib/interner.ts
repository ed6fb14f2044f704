/**
 * Hands out one shared copy of equal immutable values, so that a fold keeping millions of them
 * (zone ids, wall times, affiliations, instants of bulk edits) keeps each distinct value once:
 * every event parsed from JSON brings fresh copies of values the state already holds. Bounded:
 * once it holds `capacity` values it starts afresh, so a stream of values that never repeat
 * (unique titles) costs a bounded table, never a leak.
 *
 * @example
 * const strings = new Interner<string>();
 * strings.intern('Europe/Zurich', JSON.parse('"Europe/Zurich"')) === strings.intern('Europe/Zurich', 'Europe/Zurich') //=> true
 */
export class Interner<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly capacity = 65_536) {}

  /** The value first interned under `key`, or `value` (which becomes it). */
  intern(key: string, value: T): T {
    const shared = this.values.get(key);
    if (shared !== undefined) return shared;
    if (this.values.size >= this.capacity) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
