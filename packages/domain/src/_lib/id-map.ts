/**
 * An immutable map of records by their `id`, in insertion order, built for folding long event
 * streams without copying the whole map on every event: appending and looking up are O(1), and
 * replacing copies one array of pointers (no rehashing). Versions share their records array and
 * their id index; only the newest version of a lineage (the index's owner, at the end of its
 * records) extends them in place, any other version copies first. Lookups check that the slot
 * they find lies within their own records and holds the id asked for, so older versions and
 * branches stay valid and unchanged.
 *
 * @example
 * const one = IdMap.empty<{ id: string; title: string }>().with({ id: 's1', title: 'Opening' });
 * one.with({ id: 's1', title: 'Welcome' }).get('s1')?.title //=> 'Welcome'
 * one.get('s1')?.title //=> 'Opening'
 */
export class IdMap<T extends { readonly id: string }> implements ReadonlyMap<string, T> {
  static empty<T extends { readonly id: string }>(): IdMap<T> {
    return new IdMap<T>(newStore([]), 0);
  }

  /** Builds a map from records in order (a later record replaces an earlier one with its id). */
  static of<T extends { readonly id: string }>(records: Iterable<T>): IdMap<T> {
    let map = IdMap.empty<T>();
    for (const record of records) map = map.with(record);
    return map;
  }

  /** @param size this version's records are the first `size` of the shared store */
  private constructor(
    private readonly store: Store<T>,
    readonly size: number,
  ) {}

  get(id: string): T | undefined {
    const slot = this.slotOf(id);
    return slot === undefined ? undefined : this.store.records[slot];
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  /** A new map with `record` added at the end, or replacing the record with its id in place. */
  with(record: T): IdMap<T> {
    const slot = this.slotOf(record.id);
    if (slot !== undefined) {
      // Replacing keeps every slot: the copy shares the index, and takes it over when this
      // version was the one allowed to extend it (the usual case of a fold going forward).
      const replaced: Store<T> = { records: this.store.records.slice(0, this.size), index: this.store.index };
      replaced.records[slot] = record;
      if (this.extendsInPlace()) this.store.index.owner = replaced;
      return new IdMap(replaced, this.size);
    }
    if (this.extendsInPlace()) {
      this.store.records.push(record);
      this.store.index.slots.set(record.id, this.size);
      return new IdMap(this.store, this.size + 1);
    }
    return new IdMap(newStore([...this.store.records.slice(0, this.size), record]), this.size + 1);
  }

  /**
   * A new map of `update` applied to every record, dropping those it answers undefined for. When
   * none is dropped the ids keep their slots and the index is shared (owned still by this lineage).
   */
  map<U extends { readonly id: string }>(update: (record: T) => U | undefined): IdMap<U> {
    const records: U[] = [];
    for (const record of this.values()) {
      const updated = update(record);
      if (updated !== undefined) records.push(updated);
    }
    if (records.length !== this.size) return new IdMap(newStore(records), records.length);
    return new IdMap({ records, index: this.store.index as unknown as Index<U> }, this.size);
  }

  values(): MapIterator<T> {
    return this.store.records.slice(0, this.size)[Symbol.iterator]() as MapIterator<T>;
  }

  keys(): MapIterator<string> {
    return this.store.records.slice(0, this.size).map((record) => record.id)[Symbol.iterator]() as MapIterator<string>;
  }

  entries(): MapIterator<[string, T]> {
    return this.store.records
      .slice(0, this.size)
      .map((record): [string, T] => [record.id, record])[Symbol.iterator]() as MapIterator<[string, T]>;
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const record of this.values()) callback(record, record.id, this);
  }

  private slotOf(id: string): number | undefined {
    const slot = this.store.index.slots.get(id);
    return slot !== undefined && slot < this.size && this.store.records[slot]!.id === id ? slot : undefined;
  }

  /** Whether this version may append to the shared records and index without copying them. */
  private extendsInPlace(): boolean {
    return this.store.index.owner === this.store && this.store.records.length === this.size;
  }
}

/** The id index: only the store that owns it adds to it, so a slot once given never changes. */
interface Index<T> {
  readonly slots: Map<string, number>;
  owner: Store<T>;
}

interface Store<T> {
  readonly records: T[];
  readonly index: Index<T>;
}

const newStore = <T extends { readonly id: string }>(records: T[]): Store<T> => {
  const store = { records, index: { slots: new Map(records.map((record, slot) => [record.id, slot])) } } as Store<T>;
  store.index.owner = store;
  return store;
};
