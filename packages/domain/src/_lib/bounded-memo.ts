/**
 * Remembered values of a pure computation, at most `limit` of them, the least recently used
 * dropped first: memos fed by request input (zones, locales) must not grow without end.
 *
 * @example
 * const formats = new BoundedMemo<string, Intl.DateTimeFormat>(512);
 * formats.get('fr') ?? formats.set('fr', new Intl.DateTimeFormat('fr')) //=> the 'fr' format, built once
 */
export class BoundedMemo<Key, Value> {
  readonly #entries = new Map<Key, Value>();

  constructor(readonly limit: number) {}

  get(key: Key): Value | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Remembers `value` under `key` and answers it. */
  set(key: Key, value: Value): Value {
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
