import { createReadStream, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { redactConnectionString, type Checkpoint, type EventStore, type StoreLocation } from '@meridian/event-store';
import { emptyReadModels, type ReadModels } from './read-models.ts';
import type { AppliedEvent } from './projector.ts';

/** A read model whose content a snapshot can hold: entries as JSON values, restored one by one. */
export interface SnapshotPart<Entry> {
  snapshotEntries(): Iterable<Entry>;
  restoreEntry(entry: Entry): void;
}

// Bumped whenever what the parts write changes shape: a snapshot of another format is not read.
const FORMAT = 2;

/** The first line of a snapshot file: what it was taken of, and up to where. */
interface SnapshotHeader {
  readonly format: number;
  /** the service version that wrote it: another version replays instead (its state may differ) */
  readonly service: string;
  /** the domain's FOLD_VERSION that made its states: another fold replays instead */
  readonly fold: number;
  /** the store it was taken of (see {@link storeIdentity}) */
  readonly store: string;
  /** every event up to this one is in the snapshot */
  readonly checkpoint: Checkpoint;
  /** which event that is: a store restored from an older backup hands its position to another */
  readonly lastEvent: Omit<AppliedEvent, 'position'>;
  readonly takenAt: string;
}

// The last line counts the entries before it: a file cut short is not taken for a smaller one.
const END = 'end';

/** What identifies a store across restarts: the SQLite file, or the cluster (never its credentials). */
export const storeIdentity = (location: StoreLocation): string =>
  location.kind === 'sqlite' ? `sqlite:${resolve(location.path)}` : redactConnectionString(location.connectionString);

const partsOf = (models: ReadModels): Record<string, SnapshotPart<unknown>> => ({
  meetings: models.meetings as SnapshotPart<unknown>,
  personalFeeds: models.personalFeeds as SnapshotPart<unknown>,
  subscribers: models.subscribers as SnapshotPart<unknown>,
});

export interface SnapshotIdentity {
  readonly service: string;
  readonly fold: number;
  readonly store: string;
}

/**
 * Writes the read models to `file`, one JSON line per entry after a header line, as of
 * `checkpoint`: a temporary file, synced, then renamed over the old one, so a crash leaves the old
 * snapshot or the new one, never half of one. Synchronous: the caller writes when no event is
 * being applied (shut-down), and only when no meeting was written ahead of the checkpoint by the
 * command handler (`MeetingsReadModel.writesApplied`): the restore checks the checkpoint's event,
 * and a revision past it might not be in a store restored from a backup.
 */
export const writeReadModelSnapshot = (file: string, models: ReadModels, snapshot: SnapshotIdentity & { lastApplied: AppliedEvent; takenAt: string }): void => {
  const { lastApplied, takenAt, ...identity } = snapshot;
  const { position: checkpoint, ...lastEvent } = lastApplied;
  const header: SnapshotHeader = { format: FORMAT, ...identity, checkpoint, lastEvent, takenAt };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const descriptor = openSync(temporary, 'w', 0o600);
    try {
      // written a megabyte at a time: one string of a large snapshot would pass V8's limit
      let chunk = `${JSON.stringify(header)}\n`;
      let entries = 0;
      for (const [name, part] of Object.entries(partsOf(models))) {
        for (const entry of part.snapshotEntries()) {
          chunk += `${JSON.stringify([name, entry])}\n`;
          entries += 1;
          if (chunk.length >= 1 << 20) {
            writeSync(descriptor, chunk);
            chunk = '';
          }
        }
      }
      writeSync(descriptor, `${chunk}${JSON.stringify([END, entries])}\n`);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
    const directory = openSync(dirname(file), 'r');
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
};

/**
 * The read models as a snapshot file holds them, and the checkpoint to catch up from; null (the
 * caller replays from the start) when there is no file, or it was taken of another store, by
 * another version or with another fold of the events, or its checkpoint is not one this store
 * issued or holds another event than the snapshot applied there (the store was replaced, or
 * restored from an older backup and written to since), or it cannot be read whole. Says why in
 * the log.
 */
export const restoreReadModels = async (
  file: string,
  expected: SnapshotIdentity,
  store: EventStore,
  log: FastifyBaseLogger,
): Promise<{ models: ReadModels; lastApplied: AppliedEvent } | null> => {
  if (!existsSync(file)) {
    log.info({ file }, 'no read-model snapshot yet: replaying the store from the start');
    return null;
  }
  const refuse = (reason: string) => {
    log.warn({ file, reason }, 'read-model snapshot not used: replaying the store from the start');
    return null;
  };
  try {
    const models = emptyReadModels();
    const parts = partsOf(models);
    let header: SnapshotHeader | undefined;
    let entries = 0;
    let ended = false;
    for await (const line of linesOf(file)) {
      if (header === undefined) {
        header = JSON.parse(line) as SnapshotHeader;
        if (header.format !== FORMAT) return refuse(`format ${header.format}, this version reads ${FORMAT}`);
        if (header.service !== expected.service) return refuse(`written by version ${header.service}, this is ${expected.service}`);
        if (header.fold !== expected.fold) return refuse(`states of fold ${header.fold}, this version folds with ${expected.fold}`);
        if (header.store !== expected.store) return refuse(`taken of ${header.store}, the store is ${expected.store}`);
        continue;
      }
      if (ended) return refuse('lines after its end');
      const [name, entry] = JSON.parse(line) as [string, unknown];
      if (name === END) {
        if (entry !== entries) return refuse(`it counts ${String(entry)} entries, ${entries} came before`);
        ended = true;
        continue;
      }
      const part = parts[name];
      if (part === undefined) return refuse(`an entry of an unknown read model "${name}"`);
      part.restoreEntry(entry);
      entries += 1;
    }
    if (header === undefined) return refuse('the file is empty');
    if (!ended) return refuse('the file is cut short');
    // A checkpoint this store never issued is refused by it: the store is not the one snapshotted.
    await store.readAll({ after: header.checkpoint, limit: 1 });
    // A store restored from an older backup hands positions out again: the snapshot's last event
    // must still be there, or the events now at its checkpoint would be taken as applied.
    const { stream, version, id } = header.lastEvent;
    const [stored] = await store.readStream(stream, { afterVersion: version - 1, limit: 1 });
    if (stored?.id !== id) return refuse(`the store no longer holds event ${id} (${stream} version ${version}), the last it applied: restored from an older backup?`);
    log.info({ file, checkpoint: header.checkpoint, takenAt: header.takenAt, meetings: models.meetings.size }, 'read models restored from their snapshot; catching up');
    return { models, lastApplied: { position: header.checkpoint, ...header.lastEvent } };
  } catch (error) {
    return refuse((error as Error).message);
  }
};

/**
 * The lines of a file, without their line feeds. A snapshot's lines are long (a meeting each);
 * readline spent most of a large restore joining and splitting them (measured), so lines are cut
 * from the bytes read, and decoded once each.
 */
async function* linesOf(file: string): AsyncGenerator<string> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let start = 0;
    for (let end = bytes.indexOf(10, start); end !== -1; end = bytes.indexOf(10, start)) {
      yield bytes.toString('utf8', start, end);
      start = end + 1;
    }
    pending = bytes.subarray(start);
  }
  if (pending.length > 0) yield pending.toString('utf8');
}
