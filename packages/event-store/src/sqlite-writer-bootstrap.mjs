// The writer thread's entry (see `sqlite-writer.ts`). Node 20 runs no module hooks of the parent
// in a worker thread, and tsx registers its own on the main thread only, so the thread registers
// tsx itself before loading its TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-writer-thread.ts');
