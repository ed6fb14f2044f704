// The README's start command: the whole system on the embedded store, with the reference meeting
// loaded. Starts each service as its own process (as in production), seeded first, and prints
// where to look.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Temporal } from '@meridian/domain';
import { openEventStore, parseStoreUrl } from '@meridian/event-store';
import { seedReferenceMeetings } from '../services/schedule/src/demo/seed.ts';
import { startMailCatcher } from './mail-catcher.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_ORGANISER = 'ohchr';

/** A value kept in data/ so that links and tokens survive a restart of the demo. */
const persisted = (name: string, make: () => string): string => {
  const file = join(root, 'data', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
};

/** A port of this script's environment, or its default; anything else stops it, naming the variable. */
const portOf = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const port = Number(value);
  if (/^\d+$/.test(value.trim()) && port >= 1 && port <= 65535) return port;
  console.error(`start: ${name}: "${value}" is not a port number (1–65535)`);
  process.exit(2);
};

const schedulePort = portOf('SCHEDULE_PORT', 3000);
const notifyPort = portOf('NOTIFY_PORT', 3001);
const mailCatcherPort = portOf('MAIL_CATCHER_PORT', 1025);
const scheduleUrl = process.env.MERIDIAN_PUBLIC_URL ?? `http://localhost:${schedulePort}`;
const notifyUrl = process.env.MERIDIAN_NOTIFY_URL ?? `http://localhost:${notifyPort}`;
// A demo token only when none are configured: configured tokens replace it, so it would not work.
const demoToken = process.env.MERIDIAN_API_TOKENS === undefined ? persisted('demo-organiser-token', () => randomBytes(18).toString('base64url')) : null;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  MERIDIAN_API_TOKENS: process.env.MERIDIAN_API_TOKENS ?? `${DEMO_ORGANISER}=${demoToken}`,
  MERIDIAN_SECRET: process.env.MERIDIAN_SECRET ?? persisted('meridian.secret', () => randomBytes(32).toString('hex')),
};

// 1. load the reference meeting (and its rehearsal) into the store, once
const store = await openEventStore(parseStoreUrl(env.MERIDIAN_STORE));
const seeded = await seedReferenceMeetings({ store, organiser: DEMO_ORGANISER, now: Temporal.Now.instant() });
await store.close();

// 2. start the services, each in its own process
const running = new Set<ChildProcess>();
const startService = (name: string, port: number, extra: NodeJS.ProcessEnv): void => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(root, 'services', name),
    env: { ...env, PORT: String(port), ...extra },
    stdio: ['ignore', 'inherit', 'inherit'],
    // A process group of its own: Ctrl-C in the terminal signals this script's group only, and the
    // service gets the one SIGTERM sent below. Signalled by both, it took the second signal for an
    // impatient operator's and exited at once, without its shut-down (snapshot, deliveries in hand).
    detached: true,
  });
  child.on('exit', (code, signal) => {
    running.delete(child);
    if (stopping) {
      if (running.size === 0) process.exit(exitCode);
      return;
    }
    console.error(`${name} stopped (${signal ?? code}); stopping the others`);
    shutdown(code ?? 1);
  });
  running.add(child);
};
const mailCatcher =
  process.env.SMTP_URL === undefined
    ? await startMailCatcher(join(root, 'data', 'mail'), mailCatcherPort).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        console.error(`start: MAIL_CATCHER_PORT ${mailCatcherPort} is already in use by another process: stop it, or set another MAIL_CATCHER_PORT (or SMTP_URL)`);
        process.exit(2);
      })
    : null;
startService('schedule', schedulePort, { MERIDIAN_PUBLIC_URL: scheduleUrl, MERIDIAN_NOTIFY_URL: notifyUrl });
startService('notify', notifyPort, {
  MERIDIAN_PUBLIC_URL: notifyUrl,
  MERIDIAN_SCHEDULE_URL: scheduleUrl,
  SMTP_URL: process.env.SMTP_URL ?? mailCatcher!.url,
});

let stopping = false;
let exitCode = 0;
// Each service closes within its own grace (10 s) or exits; this waits for them, and a little more.
const SHUT_DOWN_WAIT_MS = 15_000;
const shutdown = (code: number): void => {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  for (const child of running) child.kill('SIGTERM');
  void mailCatcher?.close();
  if (running.size === 0) process.exit(code);
  setTimeout(() => process.exit(code), SHUT_DOWN_WAIT_MS).unref();
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// 3. once ready, say where to look
const ready = async (url: string): Promise<void> => {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
};
await ready(`http://127.0.0.1:${schedulePort}`);
await ready(`http://127.0.0.1:${notifyPort}`);
const [reference, rehearsal] = seeded;
const organiserTokens =
  demoToken === null
    ? `  Organiser tokens:     those of MERIDIAN_API_TOKENS; the demo meetings belong to organiser "${DEMO_ORGANISER}"`
    : `  Organiser token (${DEMO_ORGANISER}): ${demoToken}
  e.g. curl -H 'Authorization: Bearer ${demoToken}' ${scheduleUrl}/meetings/${rehearsal!.id}`;
console.log(`
Meridian is running.

  API docs (OpenAPI):   ${scheduleUrl}/docs
  Reference agenda:     ${scheduleUrl}/meetings/${reference!.id}/agenda?tz=America/New_York
  … in Tokyo time:      ${scheduleUrl}/meetings/${reference!.id}/agenda?tz=Asia/Tokyo
  Calendar feed:        ${scheduleUrl}/meetings/${reference!.id}/calendar.ics
  Rehearsal agenda:     ${scheduleUrl}/meetings/${rehearsal!.id}/agenda
  Participant page:     ${scheduleUrl}/m/${reference!.id}

  Notify API docs:      ${notifyUrl}/docs
  Mails (demo catcher): ${mailCatcher === null ? `sent to ${process.env.SMTP_URL}` : `${join(root, 'data', 'mail')}/*.eml`}

${organiserTokens}

Try a notice: subscribe by e-mail to the rehearsal, confirm with the link in the mail, then move a
session and release:
  curl -X POST ${notifyUrl}/subscriptions -H 'content-type: application/json' \\
    -d '{"meetingId":"${rehearsal!.id}","timeZone":"Asia/Tokyo","locale":"fr","channel":{"type":"email","address":"you@example.org"}}'

Stop with Ctrl-C: the services finish what they have in hand, then stop (pnpm reports the
interrupt as "ELIFECYCLE Command failed"; nothing failed).
`);
