import type { StoreWriterFailedError } from './errors.ts';
import type { AppendResult } from './port.ts';
import type { PreparedAppend } from './sqlite-append.ts';
import type { WriterThread, WriterThreadHandlers } from './sqlite-writer.ts';
import { fromWireError, type WireOutcome, type WriterReply } from './sqlite-writer-protocol.ts';

/** What a {@link GroupCommit} has done so far: appends per commit is what it saves in fsyncs. */
export interface GroupCommitStats {
  /** transactions committed, each one sync of the WAL */
  readonly commits: number;
  /** appends settled by those commits, refused ones (a conflict, a stored id) included */
  readonly appends: number;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** starts the writer thread (at the first append: a store that only reads never needs one) */
  readonly startThread: (handlers: WriterThreadHandlers) => WriterThread;
  /** the `recordedAt` of a commit's events, an ISO 8601 instant */
  readonly now: () => string;
  /** told after each COMMIT has returned, before any of its appends is answered */
  readonly onCommit: (committed: CommittedBatch) => void;
}

/** What one COMMIT stored: the appends it wrote, in the order of their positions. */
export interface CommittedBatch {
  /** the `recordedAt` of its events */
  readonly recordedAt: string;
  /** without the refused ones, nor retries answered with an earlier append's result */
  readonly appends: readonly { readonly prepared: PreparedAppend; readonly result: AppendResult }[];
}

/** Appends committed together; see {@link createGroupCommit}. */
export interface GroupCommit {
  /** queues an append for the writer's next commit; settles after that COMMIT */
  append(prepared: PreparedAppend): Promise<AppendResult>;
  /** sends what is queued, waits until every append is answered, and ends the writer thread */
  close(): Promise<void>;
  readonly stats: GroupCommitStats;
}

interface Queued {
  readonly prepared: PreparedAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit on a writer thread: the appends requested during one turn of the event loop are
 * sent together when the turn ends (`setImmediate`), and the thread commits everything it has
 * been sent in one IMMEDIATE transaction, one sync of the WAL (synchronous=FULL kept; see
 * `createBatchCommit`). While it commits, this event loop goes on serving, and what is requested
 * meanwhile queues up for the thread's next commit: concurrent commands share the cost of a sync
 * instead of queueing behind one sync each, and none of them waits on the sync with the loop blocked.
 *
 * Each append keeps its own atomicity and expected-version check; they are written in the order
 * they were requested, which is the order of their positions. No append is answered before its
 * COMMIT has returned, and a failure of a transaction as a whole fails every append of it.
 * Should the thread itself fail, every append it holds and every later one fails with a
 * StoreWriterFailedError instead of waiting forever.
 *
 * @example
 * const group = createGroupCommit({ startThread: (handlers) => startWriterThread({ path, busyTimeoutMs }, handlers), now, onCommit })
 * await Promise.all([group.append(a), group.append(b)]) //=> both in one transaction
 * group.stats //=> { commits: 1, appends: 2 }
 */
export function createGroupCommit({ startThread, now, onCommit }: GroupCommitOptions): GroupCommit {
  const stats = { commits: 0, appends: 0 };
  /** requested during this turn */
  let queue: Queued[] = [];
  /** sent to the thread and not answered yet, in the order sent */
  const sent: Queued[] = [];
  let thread: WriterThread | undefined;
  let failure: StoreWriterFailedError | undefined;

  const answer = (reply: WriterReply): void => {
    if (reply.kind === 'committed') {
      stats.commits += 1;
      stats.appends += reply.outcomes.length;
      const settled = sent.splice(0, reply.outcomes.length);
      onCommit({ recordedAt: reply.recordedAt, appends: storedAppends(settled, reply.outcomes) });
      settled.forEach((queued, index) => settle(queued, reply.outcomes[index]!));
    } else {
      const error = fromWireError(reply.error);
      for (const queued of sent.splice(0, reply.appends)) queued.reject(error);
    }
    if (sent.length === 0) thread?.keepAlive(false);
  };

  const fail = (error: StoreWriterFailedError): void => {
    failure = error;
    for (const queued of [...sent.splice(0), ...queue.splice(0)]) queued.reject(error);
  };

  const send = (): void => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    thread ??= startThread({ onReply: answer, onFailure: fail });
    for (const queued of batch) sent.push(queued);
    thread.keepAlive(true);
    thread.send({ kind: 'append', recordedAt: now(), appends: batch.map((queued) => queued.prepared) });
  };

  return {
    append: (prepared) =>
      new Promise<AppendResult>((resolve, reject) => {
        if (failure) return reject(failure);
        if (queue.length === 0) setImmediate(send);
        queue.push({ prepared, resolve, reject });
      }),
    async close() {
      if (!failure) send();
      await thread?.close();
    },
    stats,
  };
}

function storedAppends(settled: readonly Queued[], outcomes: readonly WireOutcome[]): CommittedBatch['appends'] {
  return settled.flatMap(({ prepared }, index) => {
    const outcome = outcomes[index]!;
    return 'result' in outcome && outcome.stored ? [{ prepared, result: outcome.result }] : [];
  });
}

function settle(queued: Queued, outcome: WireOutcome): void {
  if ('result' in outcome) queued.resolve(outcome.result);
  else queued.reject(fromWireError(outcome.error));
}
