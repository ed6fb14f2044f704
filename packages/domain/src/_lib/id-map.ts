/**
 * An immutable map of records by their `id`, in insertion order, built for folding long event
 * streams: looking up, appending and replacing a record in the newest version are O(1) and
 * allocate one small object, whatever the size of the map. A fold that keeps thousands of maps
 * alive between two events of each (10,000 meetings replayed together) would otherwise promote a
 * fresh copy of every map's array on every event.
 *
 * How (a persistent array by version changes, after Baker): the newest version of a lineage, its
 * head, holds the records array and changes it in place; the version it came from becomes a
 * change record, "my slot s held r; for the rest, ask the newer version". Older versions stay
 * valid and unchanged to every reader: they answer through their chain of changes, in time
 * proportional to the versions made since (a fold reads the head). Writing to an older version
 * branches: it copies its records into a lineage of its own.
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

  // A head has its store; any other version has a slot (-1 when it only lacks the records
  // appended since), the record that slot held, and the version made from it.
  private store: Store<T> | null;
  private slot = -1;
  private record: T | undefined = undefined;
  private newer: IdMap<T> | null = null;

  /** @param size this version's records are the first `size` of its lineage's */
  private constructor(
    store: Store<T>,
    readonly size: number,
  ) {
    this.store = store;
  }

  get(id: string): T | undefined {
    const slot = this.slotOf(id);
    return slot === undefined ? undefined : this.recordAt(slot);
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  /** The position of the record with this id in the map's order, or -1. */
  indexOf(id: string): number {
    return this.slotOf(id) ?? -1;
  }

  /** The record at a position in the map's order (negative: from the end), as `Array#at`. */
  at(index: number): T | undefined {
    const slot = index < 0 ? this.size + index : index;
    return Number.isInteger(slot) && slot >= 0 && slot < this.size ? this.recordAt(slot) : undefined;
  }

  /** A new map with `record` added at the end, or replacing the record with its id in place. */
  with(record: T): IdMap<T> {
    const store = this.store;
    if (store === null) return this.branch().with(record);
    const slot = this.slotOf(record.id);
    if (slot !== undefined) {
      const next = new IdMap(store, this.size);
      this.becomeOlder(slot, store.records[slot], next);
      store.records[slot] = record;
      return next;
    }
    // A store sharing another's index (see `map`) may not add ids to it: it branches instead.
    if (store.index.owner !== store) return this.branch().with(record);
    store.records.push(record);
    store.index.slots.set(record.id, this.size);
    const next = new IdMap(store, this.size + 1);
    this.becomeOlder(-1, undefined, next);
    return next;
  }

  /**
   * A new map of `update` applied to every record, dropping those it answers undefined for. When
   * none is dropped the ids keep their slots and the index is shared (owned still by this lineage).
   */
  map<U extends { readonly id: string }>(update: (record: T) => U | undefined): IdMap<U> {
    const records: U[] = [];
    for (const record of this.records()) {
      const updated = update(record);
      if (updated !== undefined) records.push(updated);
    }
    if (records.length !== this.size) return new IdMap(newStore(records), records.length);
    return new IdMap({ records, index: this.head().index as unknown as Index<U> }, this.size);
  }

  values(): MapIterator<T> {
    return this.records()[Symbol.iterator]() as MapIterator<T>;
  }

  keys(): MapIterator<string> {
    return this.records().map((record) => record.id)[Symbol.iterator]() as MapIterator<string>;
  }

  entries(): MapIterator<[string, T]> {
    return this.records()
      .map((record): [string, T] => [record.id, record])[Symbol.iterator]() as MapIterator<[string, T]>;
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const record of this.records()) callback(record, record.id, this);
  }

  // Slots are given by the index's owner only, each once, at the end of its records: a slot below
  // this version's size holds the same id in every version of the lineage.
  private slotOf(id: string): number | undefined {
    const slot = this.head().index.slots.get(id);
    return slot !== undefined && slot < this.size ? slot : undefined;
  }

  private recordAt(slot: number): T {
    let version: IdMap<T> = this;
    while (version.store === null) {
      if (version.slot === slot) return version.record!;
      version = version.newer!;
    }
    return version.store.records[slot]!;
  }

  private head(): Store<T> {
    let version: IdMap<T> = this;
    while (version.store === null) version = version.newer!;
    return version.store;
  }

  /** This version's records, in order, in an array of its own. */
  private records(): T[] {
    const records = this.head().records.slice(0, this.size);
    // The change nearest to this version holds its record; those further on, newer versions'.
    const restored = new Set<number>();
    for (let version: IdMap<T> = this; version.store === null; version = version.newer!) {
      const slot = version.slot;
      if (slot >= 0 && slot < this.size && !restored.has(slot)) {
        restored.add(slot);
        records[slot] = version.record!;
      }
    }
    return records;
  }

  private branch(): IdMap<T> {
    return new IdMap(newStore(this.records()), this.size);
  }

  private becomeOlder(slot: number, record: T | undefined, newer: IdMap<T>): void {
    this.store = null;
    this.slot = slot;
    this.record = record;
    this.newer = newer;
  }
}

/** The id index: only the store that owns it adds to it, so a slot once given never changes. */
interface Index<T> {
  readonly slots: Map<string, number>;
  /** null only while its store is being made */
  owner: Store<T> | null;
}

interface Store<T> {
  readonly records: T[];
  readonly index: Index<T>;
}

// The index is made with its owner field already there, so that it keeps one shape and its fields
// in the object itself (a field added later goes to a separate property array).
const newStore = <T extends { readonly id: string }>(records: T[]): Store<T> => {
  const index: Index<T> = { slots: new Map(records.map((record, slot) => [record.id, slot])), owner: null };
  const store = { records, index };
  index.owner = store;
  return store;
};
