import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { meetingStream, Temporal, type MeetingCommand } from '@meridian/domain';
import { handleCommand, openSqliteEventStore } from '@meridian/event-store';
import { meetingDecider } from '../../schedule/src/meeting-commands.ts';
import { referenceMeeting, referenceSessions } from '../../schedule/src/demo/reference-meeting.ts';
import { startWebhookReceiver, waitUntil } from './support/receivers.ts';

// The notify process is killed with SIGKILL in the middle of a fan-out to 1,000 subscribers,
// restarted, and every notification arrives; duplicates carry the same webhook-id.
t.setTimeout(240_000);

const SUBSCRIBERS = Number(process.env.CRASH_SUBSCRIBERS ?? 1_000);
const notifyMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

t.test('SIGKILL in the middle of a fan-out loses nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-notify-crash-'));
  const storePath = join(dir, 'meridian.db');
  const store = openSqliteEventStore({ path: storePath });
  const meetingId = 'crash-meeting';
  const stream = meetingStream(meetingId);
  const run = async (command: Omit<MeetingCommand, 'meetingId' | 'context'>) =>
    handleCommand(store, stream, meetingDecider, { ...command, meetingId, context: { actor: 'ohchr', now: Temporal.Now.instant() } } as MeetingCommand, {
      metadata: { actor: 'ohchr', correlationId: 'crash-test', occurredAt: Temporal.Now.instant().toString() },
    });
  await run({ type: 'CreateMeeting', data: referenceMeeting });
  for (const data of referenceSessions('2031-05-14')) await run({ type: 'AddSession', data });
  await run({ type: 'ReleaseAgenda', data: {} });

  // Each webhook is answered after a short pause, so the fan-out is still under way when we kill.
  const receiver = await startWebhookReceiver();
  const seen = new Map<string, number>();
  const count = () => {
    for (const webhook of receiver.received.splice(0)) {
      const id = webhook.headers['webhook-id'] as string;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    return seen;
  };

  const port = await freePort();
  let child: ChildProcess | null = null;
  const startNotify = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', notifyMain], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        MERIDIAN_STORE: `sqlite:${storePath}`,
        MERIDIAN_NOTIFY_DB: join(dir, 'notify.db'),
        MERIDIAN_SECRET: 'a-test-secret-of-at-least-32-characters!',
        MERIDIAN_WEBHOOK_ALLOW_PRIVATE: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let attempt = 0; attempt < 300; attempt += 1) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('notify did not become ready');
  };
  const kill = async () => {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGKILL');
    await exited;
  };
  t.teardown(async () => {
    if (child !== null && child.exitCode === null) child.kill('SIGKILL');
    await receiver.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  await startNotify();
  for (let index = 0; index < SUBSCRIBERS; index += 1) {
    const response = await fetch(`http://127.0.0.1:${port}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        meetingId,
        timeZone: index % 2 === 0 ? 'Asia/Tokyo' : 'America/New_York',
        locale: ['en', 'fr', 'ar', 'zh', 'ru', 'es'][index % 6],
        channel: { type: 'webhook', url: `${receiver.url}?subscriber=${index}` },
        eventTypes: ['agenda.released'],
      }),
    });
    if (response.status !== 201) throw new Error(`subscription ${index}: ${response.status} ${await response.text()}`);
  }

  // The release that fans out to every subscriber.
  await run({ type: 'ReviseSession', data: { sessionId: 'session-2', start: '2031-05-14T15:30' } });
  await run({ type: 'ReleaseAgenda', data: { label: 'Rev.2' } });

  const kills: number[] = [];
  for (const threshold of [0.15, 0.45, 0.75].map((share) => Math.round(share * SUBSCRIBERS))) {
    await waitUntil(() => (count().size >= threshold ? true : undefined), 60_000, `${threshold} deliveries`);
    kills.push(count().size);
    await kill();
    await startNotify();
  }
  await waitUntil(() => (count().size >= SUBSCRIBERS ? true : undefined), 120_000, `all ${SUBSCRIBERS} deliveries (got ${count().size})`);
  // Let anything left in flight arrive before counting duplicates.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const final = count();
  const duplicates = [...final.values()].filter((times) => times > 1).length;
  t.comment(`crash test: ${SUBSCRIBERS} expected, ${final.size} delivered, ${duplicates} duplicated (same webhook-id), ${SUBSCRIBERS - final.size} lost; killed at ${kills.join(', ')} deliveries`);
  t.equal(final.size, SUBSCRIBERS, 'every notification arrived: none lost');
  t.ok([...final.keys()].every((id) => /^ntf_[0-9a-f]{32}$/.test(id)), 'webhook-ids are the deterministic notification ids');
  t.ok(duplicates <= 3 * 64, 'duplicates only from deliveries in flight at each kill (same id)');
  await kill();
});
