import { Worker } from 'node:worker_threads';
import { StoreWriterFailedError } from './errors.ts';
import type { AppendRequest, WriterReply, WriterThreadOptions } from './sqlite-writer-protocol.ts';

/** The writer thread as the adapter drives it; see {@link startWriterThread}. */
export interface WriterThread {
  /** appends to commit after those sent before; each is answered through `onReply`, in order */
  send(request: AppendRequest): void;
  /** whether the thread keeps the process alive: while appends wait for it (or it closes), not while it idles */
  keepAlive(alive: boolean): void;
  /** answers everything sent, closes the thread's connection and ends it; resolves once it has ended */
  close(): Promise<void>;
}

/** What {@link startWriterThread} reports. */
export interface WriterThreadHandlers {
  onReply(reply: WriterReply): void;
  /** the thread ended without being asked to (or failed while closing); told once, and last */
  onFailure(error: StoreWriterFailedError): void;
}

const entry = new URL('./sqlite-writer-bootstrap.mjs', import.meta.url);

/**
 * Starts the writer thread of a store (see `sqlite-writer-thread.ts`) on `options.path`.
 *
 * It is given no `execArgv` of its own process: the parent's loaders do not run in a Node 20
 * worker anyway, and the thread registers the one it needs (see `sqlite-writer-bootstrap.mjs`).
 *
 * @example
 * const thread = startWriterThread({ path, busyTimeoutMs: 5000 }, { onReply, onFailure })
 * thread.send({ kind: 'append', recordedAt, appends: [prepared] }) //=> onReply({ kind: 'committed', outcomes: [{ result }] })
 */
export function startWriterThread(options: WriterThreadOptions, handlers: WriterThreadHandlers): WriterThread {
  const worker = new Worker(entry, { workerData: options, execArgv: [] });
  let closing = false;
  let failed = false;
  const fail = (reason: string, cause?: unknown) => {
    if (failed) return;
    failed = true;
    handlers.onFailure(new StoreWriterFailedError(reason, { cause }));
  };
  worker.on('message', (reply: WriterReply) => {
    if (!failed) handlers.onReply(reply);
  });
  worker.on('error', (error) => fail(error.message, error));
  worker.on('messageerror', (error) => {
    // A reply that cannot be read leaves the ones after it without their append: stop here.
    fail(`an unreadable reply: ${error.message}`, error);
    void worker.terminate();
  });
  // Node delivers every reply the thread posted before it emits 'exit'.
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!closing || code !== 0) fail(`it exited with code ${code}`);
      resolve();
    }),
  );
  return {
    send: (request) => worker.postMessage(request),
    keepAlive(alive) {
      // A closing thread holds the process until it has ended: close() is awaited.
      if (alive || closing) worker.ref();
      else worker.unref();
    },
    close() {
      closing = true;
      worker.ref();
      worker.postMessage({ kind: 'close' });
      return exited;
    },
  };
}
