/**
 * Kills a writing process with SIGKILL at random moments, many times, and checks after each
 * restart that every append it acknowledged is stored as acknowledged and that positions and
 * versions have no gaps. (SIGKILL tests process crashes: the OS still flushes its page cache;
 * power loss is what synchronous=FULL is for, and is not simulated here.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { sleep } from './contract/helpers.ts';
import { checkStoreFile, startAppendLoop, type Ack } from './support/append-loop-child.ts';

const CYCLES = 15;
// ~16 s on 2 idle cores, mostly child start-ups (node + tsx); a busy machine can double that, so
// the file gets more than tap's default 30 s before it is called hung.
t.setTimeout(120_000);

const dir = await mkdtemp(join(tmpdir(), 'meridian-crash-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const file = join(dir, 'crash.db');

t.test(`acknowledged appends survive ${CYCLES} SIGKILLs, with no gap in positions or versions`, async (t) => {
  const acks: Ack[] = [];
  let found = 0;
  for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
    const child = startAppendLoop(file, 'crash', 4);
    await child.firstAck;
    // Kill at a random moment of the loop: between appends, inside a transaction, mid-fsync.
    await sleep(Math.random() * 200);
    child.kill();
    await child.exited;
    acks.push(...child.acks);
    const report = await checkStoreFile(file, acks);
    t.same(report.problems, [], `cycle ${cycle}: ${report.events} events, ${acks.length} appends acknowledged`);
    found = report.events;
  }
  const acknowledgedEvents = acks.reduce((sum, ack) => sum + ack.ids.length, 0);
  t.comment(`cycles: ${CYCLES}, appends acknowledged: ${acks.length} (${acknowledgedEvents} events), events found: ${found}`);
  t.ok(found >= acknowledgedEvents, 'at least every acknowledged event is stored');
});
