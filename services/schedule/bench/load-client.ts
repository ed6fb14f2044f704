import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-worker.ts';

export type { LoadJob, LoadRequest, LoadResult } from './load-worker.ts';

/** The parent's handle on the forked autocannon process: one job at a time. */
export interface LoadClient {
  run(job: LoadJob): Promise<LoadResult>;
  close(): void;
}

/** Forks `load-worker.ts` (with tsx) and talks to it over IPC. */
export const startLoadClient = (): LoadClient => {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`load worker: ${message.error}`));
    else waiter?.resolve(message.result!);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load worker exited (${code})`));
    pending.clear();
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ id, job });
      }),
    close: () => child.disconnect(),
  };
};
