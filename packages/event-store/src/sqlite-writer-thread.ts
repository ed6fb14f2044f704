/**
 * The writer thread of the SQLite adapter (started by `sqlite-writer.ts`): the only connection
 * of its process that writes events, with the same pragmas as every other (WAL, synchronous=FULL).
 * Its COMMITs, and the sync of the WAL each one waits for, block this thread instead of the
 * adapter's event loop, which meanwhile serves requests and gathers the next batch.
 *
 * Requests that arrived while a commit ran are committed together in the next one: under load
 * each sync covers everything that queued up behind the previous one. Replies follow the order
 * of the appends sent.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createBatchCommit } from './sqlite-batch-commit.ts';
import { openEventsDatabase } from './sqlite-schema.ts';
import type { AppendRequest, WriterReply, WriterRequest, WriterThreadOptions } from './sqlite-writer-protocol.ts';

const port = parentPort!;
const { path, busyTimeoutMs } = workerData as WriterThreadOptions;
const database = openEventsDatabase(path, { busyTimeoutMs });
// SQLite checkpoints inside the COMMIT that takes the WAL past this many pages (1000 by default),
// so here, on this thread. Every 1000 pages the same random pages of the `id` index were copied
// back again and again; every 10000, each once for many commits (measured on commits of 19
// appends: ~25% less time per commit on average, p95 from ~10 ms to ~1.6 ms), for a WAL of up to
// ~40 MB. Durability is the same: a commit is durable once its WAL frames are synced.
database.pragma('wal_autocheckpoint = 10000');
const commit = createBatchCommit(database);
const reply = (message: WriterReply) => port.postMessage(message);

port.on('message', (first: WriterRequest) => {
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port)) requests.push(next.message as WriterRequest);
  const appendRequests = requests.filter((request): request is AppendRequest => request.kind === 'append');
  // The newest request's instant: the nearest to the COMMIT, and never older than an earlier commit's.
  const recordedAt = appendRequests.at(-1)?.recordedAt;
  if (recordedAt !== undefined) reply(commit(appendRequests.flatMap((request) => request.appends), recordedAt));
  if (requests.some((request) => request.kind === 'close')) {
    // Closing the port ends the thread; Node delivers the replies above before its 'exit'.
    database.close();
    port.close();
  }
});
