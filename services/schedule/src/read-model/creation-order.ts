import type { ExistingMeeting } from '@meridian/domain';

/** Where a meeting stands in the list of meetings: its creation instant, then its id. */
export type CreationPosition = Pick<ExistingMeeting, 'createdAt' | 'id'>;

/**
 * Meeting ids in the order of the list of meetings (creation instant, then id), kept as meetings
 * arrive, so that a page is found by a binary search rather than by sorting every meeting on each
 * request. Meetings mostly arrive in that order: an insert is then an append.
 *
 * @example
 * const order = new CreationOrder();
 * order.add({ createdAt: '2025-11-02T08:00:00Z', id: 'b' }); order.add({ createdAt: '2025-11-01T08:00:00Z', id: 'a' });
 * [...order.after(null)] //=> ['a', 'b']
 * [...order.after({ createdAt: '2025-11-01T08:00:00Z', id: 'a' })] //=> ['b']
 */
export class CreationOrder {
  readonly #keys: string[] = [];
  readonly #ids: string[] = [];

  add(meeting: CreationPosition): void {
    const key = creationKey(meeting);
    const index = this.#firstAfter(key);
    if (index === this.#keys.length) {
      this.#keys.push(key);
      this.#ids.push(meeting.id);
    } else {
      this.#keys.splice(index, 0, key);
      this.#ids.splice(index, 0, meeting.id);
    }
  }

  /** The ids of the meetings after `position` (from the first when null), in order. */
  *after(position: CreationPosition | null): Generator<string> {
    for (let index = position === null ? 0 : this.#firstAfter(creationKey(position)); index < this.#ids.length; index += 1) yield this.#ids[index]!;
  }

  /** The index of the first key greater than `key`. */
  #firstAfter(key: string): number {
    let [low, high] = [0, this.#keys.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#keys[middle]! <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * A key that sorts as the list does: the instant with its fraction written out to nanoseconds
 * (as written, `…:00.5Z` sorts before `…:00Z`: '.' before 'Z'), so that every instant's text has
 * one length, then the id. Text, not `Temporal.Instant.from`: parsing costs far more.
 *
 * @example
 * creationKey({ createdAt: '2025-11-26T09:00:00Z', id: 'm1' }) //=> '2025-11-26T09:00:00.000000000Z m1'
 */
export const creationKey = ({ createdAt, id }: CreationPosition): string =>
  `${createdAt.replace(/:(\d\d)(?:\.(\d{1,9}))?Z$/, (_, seconds: string, fraction = '') => `:${seconds}.${fraction.padEnd(9, '0')}Z`)} ${id}`;
