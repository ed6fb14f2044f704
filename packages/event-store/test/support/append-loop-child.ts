/** Runs `fixtures/append-loop.ts` as a child process and checks a store file against its output. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore } from '../../src/sqlite-event-store.ts';

/** One append the child saw committed: version and position are those of its last event. */
export interface Ack {
  readonly stream: string;
  readonly version: number;
  readonly position: string;
  readonly ids: readonly string[];
}

/** A running append loop. */
export interface AppendLoop {
  /** acknowledgements received so far */
  readonly acks: Ack[];
  /** resolves at the first acknowledgement (rejects if the child exits before) */
  readonly firstAck: Promise<void>;
  /** resolves when the child has exited and its output is read; rejects on an unexpected failure */
  readonly exited: Promise<void>;
  kill(): void;
}

const fixture = fileURLToPath(new URL('../fixtures/append-loop.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the append loop on `file`; see the fixture for the arguments. */
export function startAppendLoop(file: string, prefix: string, streamCount: number, appends?: number): AppendLoop {
  const args = [file, prefix, String(streamCount), ...(appends === undefined ? [] : [String(appends)])];
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let killed = false;
  let onFirstAck: (() => void) | undefined;
  const firstAck = new Promise<void>((resolve) => (onFirstAck = resolve));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    // A kill can cut the last line short; an incomplete line is an unacknowledged append.
    const ack = parseAck(line);
    if (!ack) return;
    acks.push(ack);
    onFirstAck?.();
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('close', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve();
      else if (code === 0) resolve();
      else reject(new Error(`append loop exited with ${code ?? signal}: ${stderr}`));
    });
  });
  return {
    acks,
    firstAck: Promise.race([firstAck, exited.then(() => Promise.reject(new Error(`append loop ended before any append: ${stderr}`)))]),
    exited,
    kill() {
      killed = true;
      child.kill('SIGKILL');
    },
  };
}

function parseAck(line: string): Ack | undefined {
  try {
    return JSON.parse(line) as Ack;
  } catch {
    return undefined;
  }
}

/** What {@link checkStoreFile} found. */
export interface StoreFileReport {
  readonly events: number;
  readonly problems: string[];
}

/**
 * Reads the whole file and lists every broken rule: positions 1..N without a gap, each stream's
 * versions 1..n without a gap, and every acknowledged event stored with its id, version and
 * position.
 */
export async function checkStoreFile(file: string, acks: readonly Ack[]): Promise<StoreFileReport> {
  const store = openSqliteEventStore({ path: file });
  try {
    const events = await store.readAll();
    const problems: string[] = [];
    const byId = new Map(events.map((event) => [event.id, event]));
    const versions = new Map<string, number>();
    events.forEach((event, index) => {
      if (event.position !== String(index + 1)) problems.push(`position ${event.position} at index ${index}`);
      const expected = (versions.get(event.stream) ?? 0) + 1;
      if (event.version !== expected) problems.push(`${event.stream} version ${event.version}, expected ${expected}`);
      versions.set(event.stream, event.version);
    });
    for (const ack of acks) {
      ack.ids.forEach((id, index) => {
        const back = ack.ids.length - 1 - index;
        const event = byId.get(id);
        const expected = { stream: ack.stream, version: ack.version - back, position: String(Number(ack.position) - back) };
        if (!event) problems.push(`acknowledged event ${id} is missing`);
        else if (event.stream !== expected.stream || event.version !== expected.version || event.position !== expected.position) {
          const found = { stream: event.stream, version: event.version, position: event.position };
          problems.push(`acknowledged event ${id} is ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
        }
      });
    }
    return { events: events.length, problems };
  } finally {
    await store.close();
  }
}
