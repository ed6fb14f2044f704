// The README's start command runs `scripts/start.ts`: it loads the reference meeting, starts both
// services, says where to look, and stops them when the terminal's Ctrl-C comes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { waitUntil } from '../../services/notify/test/support/receivers.ts';
import { freePort } from '../support/free-port.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

t.test('Ctrl-C stops the started services gracefully: each shuts down once, its work saved, and the script exits 0', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-start-'));
  const snapshot = join(dir, 'read-models.ndjson');
  const script = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SCHEDULE_PORT: String(await freePort()),
      NOTIFY_PORT: String(await freePort()),
      MAIL_CATCHER_PORT: String(await freePort()),
      MERIDIAN_STORE: `sqlite:${join(dir, 'meridian.db')}`,
      MERIDIAN_NOTIFY_DB: join(dir, 'notify.db'),
      MERIDIAN_SNAPSHOT_FILE: snapshot,
      MERIDIAN_API_TOKENS: 'ohchr=start-script-test-token',
      MERIDIAN_SECRET: 'a-secret-of-the-start-script-test-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // a process group of its own, as a terminal's foreground job: Ctrl-C signals all of it
    detached: true,
  });
  let output = '';
  script.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  script.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => script.on('exit', (code) => resolve(code)));
  t.teardown(() => {
    // if the test failed half-way: the script's group, and the services (groups of their own) by the pids they log
    for (const pid of [-script.pid!, ...new Set([...output.matchAll(/"pid":(\d+)/g)].map((match) => Number(match[1])))]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  await waitUntil(() => (output.includes('Meridian is running') ? true : undefined), 90_000, 'the start banner');
  process.kill(-script.pid!, 'SIGINT');
  t.equal(await exited, 0, 'the script exits 0');
  t.equal(output.match(/"msg":"shutting down"/g)?.length, 2, 'each service shut down, once');
  t.notMatch(output, /stopped \(/, 'neither stopped on its own, nor at a second signal');
  t.ok(existsSync(snapshot), 'the schedule service wrote its snapshot on the way out');
});

t.test('a bad port, or one another process holds, is said in one line naming the variable, and the start exits 2', async (t) => {
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
  const typo = await run(['scripts/start.ts'], { SCHEDULE_PORT: 'abc' });
  t.equal(typo.code, 2);
  t.equal(typo.output.trim(), 'start: SCHEDULE_PORT: "abc" is not a port number (1–65535)');

  const { createServer } = await import('node:net');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  const port = (holder.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'meridian-port-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const busy = await run(['services/schedule/src/main.ts'], { PORT: String(port), HOST: '127.0.0.1', MERIDIAN_STORE: `sqlite:${join(dir, 'meridian.db')}`, LOG_LEVEL: 'warn' });
  t.equal(busy.code, 2);
  t.match(busy.output, `schedule: PORT ${port} on 127.0.0.1 is already in use by another process`);
  t.notMatch(busy.output, /\n\s+at /, 'no stack trace');
});
