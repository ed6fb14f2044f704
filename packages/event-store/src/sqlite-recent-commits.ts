import type { RecordedEvent } from './port.ts';
import type { PreparedEvent } from './sqlite-append.ts';
import { toPosition } from './sqlite-checkpoint.ts';
import type { CommittedBatch } from './sqlite-group-commit.ts';
import { toRecordedEvent } from './sqlite-statements.ts';

/** Options of {@link createRecentCommits}. */
export interface RecentCommitsOptions {
  /** at most this many events are kept, the latest (half as many, just after this is passed) */
  readonly maxEvents: number;
  /** and at most this many characters of their JSON (data and metadata), likewise */
  readonly maxChars: number;
}

/** How much one batch handed to a subscription holds at most. */
export interface BatchBounds {
  readonly maxEvents: number;
  /** characters of data and metadata; the event that reaches it is the last one */
  readonly maxChars: number;
}

/** The events a store object committed lately; see {@link createRecentCommits}. */
export interface RecentCommits {
  /** keeps what a COMMIT stored (told before any of its appends is answered) */
  record(committed: CommittedBatch): void;
  /**
   * The kept events right after `position`, in order, bounded as a read of the file is (see
   * `readBoundedBatch`); none when it is the last one kept; undefined when what is kept does not
   * reach back to it: read the file then.
   */
  after(position: number, batch: BatchBounds): RecordedEvent[] | undefined;
}

interface KeptEvent {
  readonly event: PreparedEvent;
  readonly stream: string;
  readonly version: number;
  readonly recordedAt: string;
}

/**
 * The events this store object committed lately, as the file holds them, so that its
 * subscriptions take the events they are woken for from here instead of reading back what was
 * just written (a read after another connection's commit costs a reload of the pages it needs).
 *
 * What is kept is one run of positions without a gap: an append's events take consecutive
 * positions (it holds the write lock), and an append whose first position does not follow the
 * last one kept (another process appended in between) starts the run afresh. So an event is
 * answered only after an event that is kept too, or the one just before the run: positions are
 * integers, nothing can lie between them, and a subscription never skips an event nor sees one
 * twice. Anything else is read from the file.
 *
 * @example
 * const recent = createRecentCommits({ maxEvents: 1024, maxChars: 4 * 1024 * 1024 })
 * recent.record({ recordedAt, appends: [{ prepared, result: { version: 2, position: '8' } }] }) // two events: 7 and 8
 * recent.after(6, { maxEvents: 500, maxChars: 16_000_000 }) //=> [event 7, event 8]
 * recent.after(5, { maxEvents: 500, maxChars: 16_000_000 }) //=> undefined
 */
export function createRecentCommits({ maxEvents, maxChars }: RecentCommitsOptions): RecentCommits {
  /** the run, its first event at position `first` */
  let kept: KeptEvent[] = [];
  let first = 0;
  let chars = 0;

  const keep = (stream: string, expectedVersion: number, events: readonly PreparedEvent[], lastPosition: number, recordedAt: string) => {
    const start = lastPosition - events.length + 1;
    if (start !== first + kept.length) {
      kept = [];
      first = start;
      chars = 0;
    }
    events.forEach((event, index) => {
      kept.push({ event, stream, version: expectedVersion + index + 1, recordedAt });
      chars += charsOf(event);
    });
  };

  /**
   * Once a bound is passed, drops the oldest events until at most half of each bound is kept: in
   * bulk, since dropping a few events copies the run, which done at every commit cost sequential
   * appends ~10 % of their throughput.
   */
  const trim = () => {
    if (kept.length <= maxEvents && chars <= maxChars) return;
    let dropped = 0;
    while (dropped < kept.length && (kept.length - dropped > maxEvents / 2 || chars > maxChars / 2)) {
      chars -= charsOf(kept[dropped]!.event);
      dropped += 1;
    }
    if (dropped === 0) return;
    kept = kept.slice(dropped);
    first += dropped;
  };

  return {
    record({ recordedAt, appends }) {
      for (const { prepared, result } of appends) {
        keep(prepared.stream, prepared.expectedVersion, prepared.events, toPosition(result.position), recordedAt);
      }
      trim();
    },
    after(position, batch) {
      if (kept.length === 0 || position < first - 1 || position > first + kept.length - 1) return undefined;
      const events: RecordedEvent[] = [];
      let batchChars = 0;
      for (let index = position - first + 1; index < kept.length && events.length < batch.maxEvents && batchChars < batch.maxChars; index += 1) {
        const { event, stream, version, recordedAt } = kept[index]!;
        // parsed anew for each reader, as a read of the file would
        events.push(toRecordedEvent([first + index, event.id, stream, version, event.type, event.data, event.metadata, recordedAt]));
        batchChars += charsOf(event);
      }
      return events;
    },
  };
}

const charsOf = (event: PreparedEvent): number => event.data.length + event.metadata.length;
