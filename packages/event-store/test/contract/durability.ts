/** Contract: what survives a reopen, large and unusual payloads, and a closed client. */
import type { Test } from 'tap';
import { StoreClosedError } from '../../src/errors.ts';
import { idsOf, newEvent, newStream, rejectsWith, watch, type ContractContext } from './helpers.ts';
import { appendInTurn } from './read.ts';

/** Durability: reopening, resuming from a checkpoint, large and unicode payloads, closed clients. */
export function durabilityContract(t: Test, context: ContractContext): void {
  t.test('events persist across close and reopen; a saved checkpoint resumes exactly after it', async (t) => {
    const stream = newStream();
    const first = await context.open(t);
    const sent = await appendInTurn(first, Array(5).fill(stream));
    const stored = await first.readStream(stream);
    const saved = stored[2]!.position;
    await first.close();

    const second = await context.open(t);
    t.same(await second.readStream(stream), stored, 'the same events, versions, positions and timestamps');
    const watcher = watch(t, context, second, { from: saved, streams: [stream] });
    await watcher.untilCaughtUp();
    const live = newEvent();
    await second.append(stream, [live], { expectedVersion: 5 });
    await watcher.until(3);
    t.same(idsOf(watcher.events), idsOf([...sent.slice(3), live]), 'the remaining events, then the live one');
  });

  t.test('a 5 MB payload is stored, read and delivered whole', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const head = await store.headCheckpoint();
    const data = { text: 'x'.repeat(5 * 1024 * 1024), rows: Array.from({ length: 1000 }, (_, i) => ({ i, tag: `r${i}` })) };
    const event = newEvent(data, 'AgendaImported');
    await store.append(stream, [event], { expectedVersion: 0 });
    t.same((await store.readStream(stream))[0]?.data, data, 'readStream');
    const watcher = watch(t, context, store, { ...(head === undefined ? {} : { from: head }), streams: [stream] });
    await watcher.until(1);
    t.same(watcher.events[0]?.data, data, 'subscribe');
  });

  t.test('unicode text survives in data, metadata and keys', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const data = {
      arabic: 'اجتماع مجلس الأمن — الجلسة الافتتاحية',
      cjk: '会議の議題 · 회의 안건 · 会议议程',
      emoji: '🗓️ 👩🏽‍💻 🇨🇭 🏳️‍⚧️',
      nul: 'before\u0000after',
      'clé ключ 鍵': 'ok',
      astral: '𝄞 𠜎',
    };
    const event = { ...newEvent(data, 'SessionAdded'), metadata: { ...newEvent().metadata, actor: 'organisateur·rice 👩‍🔬' } };
    await store.append(stream, [event], { expectedVersion: 0 });
    const [stored] = await store.readStream(stream);
    t.same(stored?.data, data);
    t.equal(stored?.metadata.actor, event.metadata.actor);
    t.equal((stored?.data as typeof data).nul.length, 'before\u0000after'.length, 'the NUL is kept, not a terminator');
  });

  t.test('a closed client refuses work; closing twice is harmless', async (t) => {
    const store = await context.open(t);
    await store.close();
    await store.close();
    await rejectsWith(t, store.append(newStream(), [newEvent()], { expectedVersion: 0 }), StoreClosedError);
    await rejectsWith(t, store.readStream(newStream()), StoreClosedError);
    await rejectsWith(t, store.readAll(), StoreClosedError);
    t.throws(() => store.subscribe({ onEvent: () => undefined }), StoreClosedError);
  });
}
