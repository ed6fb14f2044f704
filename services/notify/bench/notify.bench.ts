/**
 * Notify service benchmark (`corepack pnpm bench`; not a test, never run in CI).
 *
 * What: the schedule and notify services in this process, on one SQLite event store (WAL,
 * synchronous=FULL, as `main.ts` opens it), the notify service built as `main.ts` builds it
 * (its own SQLite file, delivery worker with its defaults: 64 deliveries in flight, the webhook
 * sender's keep-alive agent of 32 sockets per origin, the e-mail sender's pool of 5 SMTP
 * connections; request logs off). The far end — a node:http webhook receiver and an smtp-server
 * SMTP server — runs in a forked child (`receiver-child.ts`) on 127.0.0.1, counting what arrives by
 * id and by recipient. MERIDIAN_WEBHOOK_ALLOW_PRIVATE=true lets webhooks go to loopback.
 *
 * Setup: three released meetings of 4 sessions, created through the schedule routes (in-process
 * `inject`); their subscribers seeded fast through the store and the service's own table modules
 * before the notify service starts (`subscribers.ts` says exactly how): 10,000 webhook
 * subscribers (each its own URL path, wanting `agenda.released` only), EMAILS confirmed e-mail
 * subscribers, and 50 + 50 for a warm-up release.
 *
 * Figures (one line each, `<figure-id>: <value> <unit> (ratio <r> vs <baseline>)`):
 * - notify.fanout  a session moves, then ONE release command (`POST /meetings/{id}/releases`);
 *                  time from that command to the 10,000th distinct webhook received (checked:
 *                  exactly 10,000, no duplicate webhook-id, every subscriber path once, none left
 *                  pending in the outbox), as notifications/s; vs a bare loop of 10,000 HTTP POSTs of
 *                  the same bytes to the same receiver, 64 in flight over the same agent settings.
 * - notify.email   the same for one release to EMAILS e-mail subscribers, e-mails/s until the last
 *                  one reached the SMTP server; vs nodemailer sending as many copies of the same
 *                  digest directly, pool of 5 connections, 64 in flight.
 * Subject and baseline alternate in order round by round; medians. `#` lines are context and
 * diagnostics, never a figure.
 *
 * Options: BENCH_FANOUT (10000), BENCH_FANOUT_ROUNDS (1: one 10,000-webhook release is itself a
 * long average; baselines run before and after it), BENCH_EMAILS (500), BENCH_EMAIL_ROUNDS (3),
 * `--profile` (one more profiled
 * release of each kind, after the figures; `.cpuprofile` files for DevTools, and where the time
 * went).
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { openSqliteEventStore } from '@meridian/event-store';
import { systemClock } from '@meridian/http';
import { buildScheduleApp } from '../../schedule/src/app.ts';
import { loadScheduleConfig } from '../../schedule/src/config.ts';
import { buildNotifyApp, SERVICE_VERSION } from '../src/app.ts';
import { loadNotifyConfig } from '../src/config.ts';
import { createEmailSender, createWebhookSender, type EmailSender, type WebhookSender } from '../src/channels/index.ts';
import type { OutboxMessage } from '../src/db/outbox.ts';
import { startReceiver } from './receiver-client.ts';
import { seedSubscribers } from './subscribers.ts';
import { inclusiveShares, profileWhile, summariseProfile } from '../../schedule/bench/profile.ts';

const FANOUT = Number(process.env.BENCH_FANOUT ?? 10_000);
const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 1);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 500);
const EMAIL_ROUNDS = Number(process.env.BENCH_EMAIL_ROUNDS ?? 3);
const PROFILE = process.argv.includes('--profile');
// The delivery worker's and the senders' defaults, which the baselines copy.
const IN_FLIGHT = 64;
const SOCKETS_PER_ORIGIN = 32;
const SMTP_POOL = 5;

const TOKEN = 'bench-organiser-token-0123456789';
const SECRET = 'a-bench-secret-of-at-least-32-characters!';
const REMINDER_GRACE_MS = 10 * 60_000;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const printFigure = (id: string, value: number, unit: string, baselineValue: number, baseline: string) =>
  console.log(`${id}: ${value.toFixed(0)} ${unit} (ratio ${(value / baselineValue).toFixed(2)} vs ${baseline})`);
const note = (text: string) => console.log(`# ${text}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const started = performance.now();
const dir = await mkdtemp(join(tmpdir(), 'meridian-notify-bench-'));
const receiver = await startReceiver();
const store = openSqliteEventStore({ path: join(dir, 'meridian.db') });
const env = { MERIDIAN_STORE: `sqlite:${join(dir, 'meridian.db')}`, MERIDIAN_API_TOKENS: `bench=${TOKEN}`, MERIDIAN_SECRET: SECRET };
const schedule = await buildScheduleApp({
  config: loadScheduleConfig({ ...env, MERIDIAN_PUBLIC_URL: 'https://meridian.bench' }, () => SECRET),
  store,
  clock: systemClock,
  logger: false,
});
let notify: FastifyInstance | undefined;
let webhook: WebhookSender | undefined;
let email: EmailSender | undefined;

const command = async (method: 'POST' | 'PATCH', url: string, payload: object, status: number) => {
  const answer = await schedule.inject({ method, url, payload, headers: { authorization: `Bearer ${TOKEN}` } });
  if (answer.statusCode !== status) throw new Error(`${method} ${url}: HTTP ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return answer.json() as { id: string };
};

/** A released meeting of four sessions in March 2031 (upcoming: no reminder falls due meanwhile). */
const createMeeting = async (title: string): Promise<string> => {
  const { id } = await command('POST', '/meetings', { title, timeZone: 'Europe/Zurich', location: { name: 'Palais des Nations, Geneva' } }, 201);
  const sessions = [
    { id: 'opening', title: 'Opening session', kind: 'opening', start: '2031-03-17T09:00', end: '2031-03-17T09:20' },
    { id: 'panel-1', title: 'Panel 1: Human rights cities', kind: 'panel', start: '2031-03-17T09:20', end: '2031-03-17T11:00' },
    { id: 'panel-2', title: 'Panel 2: Local governments and the UN mechanisms', kind: 'panel', start: '2031-03-17T15:00', end: '2031-03-17T16:45' },
    { id: 'closing', title: 'Closing session', kind: 'closing', start: '2031-03-17T16:45', end: '2031-03-17T17:00' },
  ];
  for (const session of sessions) await command('POST', `/meetings/${id}/sessions`, session, 201);
  await command('POST', `/meetings/${id}/releases`, { label: 'Rev.1' }, 201);
  return id;
};

/** Rev.N+1 of a meeting: the opening moves (by turns to 09:05 and back), then the timed release. */
const moveOpening = (() => {
  const moved = new Map<string, boolean>();
  return (meetingId: string) => {
    const now = !(moved.get(meetingId) ?? false);
    moved.set(meetingId, now);
    return command('PATCH', `/meetings/${meetingId}/sessions/opening`, { start: now ? '2031-03-17T09:05' : '2031-03-17T09:00' }, 200);
  };
})();

// Polled while the release is measured: counted in the `outbox_of_meeting` index alone (by status,
// each row would be read from the table: tens of milliseconds per poll of the subject's own thread).
const recordedFor = (meetingId: string): number =>
  (notify!.notify.db.prepare('SELECT COUNT(*) AS count FROM outbox WHERE meeting_id = ?').get(meetingId) as { count: number }).count;

const outboxOf = (meetingId: string): Record<string, number> =>
  Object.fromEntries(
    (notify!.notify.db.prepare('SELECT status, COUNT(*) AS count FROM outbox WHERE meeting_id = ? GROUP BY status').all(meetingId) as { status: string; count: number }[]).map(
      (row) => [row.status, row.count],
    ),
  );

const waitFor = async (what: string, check: () => boolean, ms = 600_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

/**
 * One release to `count` subscribers of `channel`: from the release command to the last
 * distinct message received; checked for count, duplicates, recipients and the outbox. Answers
 * messages per second.
 */
const releaseTo = async (meetingId: string, channel: 'webhook' | 'email', count: number, label: string): Promise<{ rate: number; deliveryRate: number }> => {
  await moveOpening(meetingId);
  const before = recordedFor(meetingId);
  const reached = receiver.expect(channel, count);
  // How long the service's event loop is held at a time: /healthz, /metrics and every route wait that long.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  await sleep(50); // the histogram records from its second tick on: let it start before the load
  const start = performance.now();
  await command('POST', `/meetings/${meetingId}/releases`, { label }, 201);
  // In this process the store's commit signal runs the reactor before the command's answer is read.
  const answeredAt = performance.now();
  // When the reactor has recorded every notice: the rest is delivery.
  let enqueuedAt = 0;
  const enqueued = waitFor('the release to be enqueued', () => recordedFor(meetingId) >= before + count).then(() => (enqueuedAt = performance.now()));
  const end = await reached;
  loopDelay.disable();
  await enqueued;
  const rate = count / ((end - start) / 1000);
  const deliveryRate = count / ((end - enqueuedAt) / 1000);
  await waitFor('the outbox to record every delivery', () => (outboxOf(meetingId).pending ?? 0) === 0);
  await sleep(300);
  const report = await receiver.report();
  const outbox = outboxOf(meetingId);
  if (report.received !== count || report.distinctIds !== count || report.duplicates !== 0 || report.distinctRecipients !== count || (outbox.failed ?? 0) !== 0) {
    throw new Error(`${label}: ${JSON.stringify({ report: { ...report, sample: undefined }, outbox })}`);
  }
  note(`${label}: ${count} ${channel === 'webhook' ? 'webhooks' : 'e-mails'} in ${((end - start) / 1000).toFixed(2)} s: the reactor had enqueued them all (composed, recorded, reminders re-planned) after ${((enqueuedAt - start) / 1000).toFixed(2)} s (the command's answer was read after ${((answeredAt - start) / 1000).toFixed(2)} s), delivery took the other ${((end - enqueuedAt) / 1000).toFixed(2)} s (${deliveryRate.toFixed(0)}/s); event loop held up to ${(loopDelay.max / 1e6).toFixed(0)} ms at once (p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms)`);
  note(`  checked: received ${report.received}, ${report.distinctIds} distinct ids, ${report.duplicates} duplicates, ${report.distinctRecipients} recipients; outbox ${JSON.stringify(outbox)}`);
  return { rate, deliveryRate };
};

try {
  // 1. meetings, subscribers (seeded before the notify service starts)
  const fanoutMeeting = await createMeeting('Forum on local government and human rights');
  const emailMeeting = await createMeeting('Regional consultation on the right to housing');
  const warmMeeting = await createMeeting('Warm-up meeting');
  const notifyDatabasePath = join(dir, 'notify.db');
  const seeding = performance.now();
  await seedSubscribers({
    store,
    notifyDatabasePath,
    now: systemClock.now(),
    reminderGraceMs: REMINDER_GRACE_MS,
    groups: [
      { meetingId: fanoutMeeting, channel: 'webhook', count: FANOUT, url: (index) => `${receiver.webhookUrl}/hooks/${index}` },
      { meetingId: emailMeeting, channel: 'email', count: EMAILS, address: (index) => `participant-${index}@bench.test` },
      { meetingId: warmMeeting, channel: 'webhook', count: 50, url: (index) => `${receiver.webhookUrl}/warm/${index}` },
      { meetingId: warmMeeting, channel: 'email', count: 50, address: (index) => `warm-${index}@bench.test` },
    ],
  });
  note(`setup: ${FANOUT} webhook + ${EMAILS} e-mail + 100 warm-up subscribers seeded in ${seconds(seeding)} s (store events and notify tables, one transaction each)`);

  // 2. the notify service, as main.ts builds it
  const config = loadNotifyConfig(
    {
      ...env,
      MERIDIAN_NOTIFY_DB: notifyDatabasePath,
      SMTP_URL: receiver.smtpUrl,
      MAIL_FROM: 'Meridian <notices@meridian.bench>',
      MERIDIAN_PUBLIC_URL: 'https://notify.meridian.bench',
      MERIDIAN_SCHEDULE_URL: 'https://meridian.bench',
      MERIDIAN_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
    () => SECRET,
  );
  notify = await buildNotifyApp({
    config,
    store,
    clock: systemClock,
    logger: false,
    reminderGraceMs: REMINDER_GRACE_MS,
    channels: (log) => {
      email = createEmailSender({ smtpUrl: config.smtpUrl!, from: config.mailFrom });
      webhook = createWebhookSender({ allowPrivate: config.allowPrivateWebhooks, timeoutMs: 10_000, userAgent: `Meridian-Notify/${SERVICE_VERSION}`, log });
      return { email, webhook };
    },
  });
  const active = (notify.notify.db.prepare("SELECT COUNT(*) AS count FROM subscriptions WHERE status = 'active'").get() as { count: number }).count;
  if (active !== FANOUT + EMAILS + 100) throw new Error(`${active} active subscriptions`);
  note(`notify service up at ${seconds(started)} s: ${active} active subscriptions, reactor caught up after ${notify.notify.reactor.eventsProcessed} events`);

  // 3. warm-up: one release to 50 + 50, which also gives the baselines their bytes
  await moveOpening(warmMeeting);
  receiver.expect('webhook', 50);
  await command('POST', `/meetings/${warmMeeting}/releases`, { label: 'warm-up' }, 201);
  await waitFor('the warm-up release', () => (outboxOf(warmMeeting).delivered ?? 0) === 100);
  const sample = (await receiver.report()).sample!;
  const { id: digestId } = notify.notify.db
    .prepare("SELECT outbox.id FROM outbox JOIN subscriptions USING (subscription_id) WHERE outbox.meeting_id = ? AND kind = 'agenda.released' AND channel = 'email' LIMIT 1")
    .get(warmMeeting) as { id: string };
  const digest = notify.notify.tables.outbox.get(digestId)!.message as Extract<OutboxMessage, { channel: 'email' }>;
  note(`webhook body ${Buffer.byteLength(sample.body)} bytes; e-mail digest: text ${digest.text.length} + HTML ${digest.html.length} characters`);

  // 4. the baselines
  const { hostname, port } = new URL(receiver.webhookUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_ORIGIN, maxTotalSockets: 512, scheduling: 'lifo' });
  const bareHeaders = Object.fromEntries(Object.entries(sample.headers).filter(([name]) => !['host', 'connection'].includes(name)));
  let bareRun = 0;
  /** `count` POSTs of the sampled webhook, `IN_FLIGHT` at a time, to the same receiver. */
  const barePosts = async (count: number): Promise<number> => {
    const run = bareRun++;
    const reached = receiver.expect('webhook', count);
    const start = performance.now();
    let next = 0;
    const post = (index: number) =>
      new Promise<void>((resolve, reject) => {
        const request = http.request({ method: 'POST', hostname, port, path: `/bare/${index}`, agent, headers: { ...bareHeaders, 'webhook-id': `bare_${run}_${index}` } }, (response) => {
          response.resume();
          response.on('end', resolve);
        });
        request.on('error', reject);
        request.end(sample.body);
      });
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await post(next++);
    }));
    const end = await reached;
    return count / ((end - start) / 1000);
  };
  const transport = createTransport({ url: receiver.smtpUrl, pool: true, maxConnections: SMTP_POOL, maxMessages: 100, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  let mailRun = 0;
  /** `count` copies of the sampled digest through nodemailer's pool, `IN_FLIGHT` at a time. */
  const bareMails = async (count: number): Promise<number> => {
    const run = mailRun++;
    const reached = receiver.expect('email', count);
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const index = next++;
        const to = `bare-${index}@bench.test`;
        await transport.sendMail({
          from: config.mailFrom,
          to,
          envelope: { from: 'notices@meridian.bench', to: [to] },
          subject: digest.subject,
          text: digest.text,
          html: digest.html,
          messageId: `<bare-${run}-${index}@meridian.bench>`,
          ...(digest.listUnsubscribe !== null && { list: { unsubscribe: [[digest.listUnsubscribe]] } }),
        });
      }
    }));
    const end = await reached;
    return count / ((end - start) / 1000);
  };
  await barePosts(500);
  await bareMails(100);

  // 5. the rounds
  const fanout = { subject: [] as number[], baseline: [] as number[] };
  let release = 2;
  for (let round = 0; round < FANOUT_ROUNDS; round += 1) {
    fanout.baseline.push(await barePosts(FANOUT));
    fanout.subject.push((await releaseTo(fanoutMeeting, 'webhook', FANOUT, `fan-out Rev.${release++}`)).rate);
  }
  fanout.baseline.push(await barePosts(FANOUT));
  const mails = { subject: [] as number[], baseline: [] as number[] };
  let emailRelease = 2;
  for (let round = 0; round < EMAIL_ROUNDS; round += 1) {
    if (round % 2 === 0) mails.baseline.push(await bareMails(EMAILS));
    mails.subject.push((await releaseTo(emailMeeting, 'email', EMAILS, `e-mail Rev.${emailRelease++}`)).rate);
    if (round % 2 === 1) mails.baseline.push(await bareMails(EMAILS));
  }
  note(`notify.fanout rounds: subject ${fanout.subject.map(Math.round).join(' / ')} notifications/s, baseline ${fanout.baseline.map(Math.round).join(' / ')} POSTs/s`);
  note(`notify.email rounds: subject ${mails.subject.map(Math.round).join(' / ')} e-mails/s, baseline ${mails.baseline.map(Math.round).join(' / ')} e-mails/s`);
  printFigure('notify.fanout', median(fanout.subject), 'notifications/s', median(fanout.baseline), `bare-http-post-loop-${IN_FLIGHT}-in-flight`);
  printFigure('notify.email', median(mails.subject), 'e-mails/s', median(mails.baseline), `nodemailer-pool-${SMTP_POOL}`);

  // 6. optional: where a fan-out's time goes (one more release, profiled; not part of the figures)
  if (PROFILE) {
    const folder = await mkdtemp(join(tmpdir(), 'meridian-notify-profiles-'));
    for (const [name, meetingId, channel, count] of [
      ['notify.fanout', fanoutMeeting, 'webhook', FANOUT],
      ['notify.email', emailMeeting, 'email', EMAILS],
    ] as const) {
      const { profile } = await profileWhile(join(folder, `${name}.cpuprofile`), () => releaseTo(meetingId, channel, count, `${name} Rev.${channel === 'webhook' ? release++ : emailRelease++}, profiled`));
      const summary = summariseProfile(profile, 14);
      note(`profile ${name} (${summary.totalMs.toFixed(0)} ms sampled): by package ${summary.packages.map((entry) => `${entry.name} ${entry.percent.toFixed(1)}%`).join(', ')}`);
      for (const entry of summary.functions) note(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
      const inclusive = inclusiveShares(profile, [
        'notify/src/reactor.ts', 'notify/src/composer.ts', 'notices/src/webhooks', 'notices/src/digest', 'notify/src/delivery-worker.ts', 'notify/src/db/outbox.ts', 'notify/src/db/reminders-table.ts',
        'notify/src/db/contacts.ts', 'notify/src/channels/webhook-sender.ts', 'notify/src/channels/target-guard.ts', 'notify/src/channels/webhook-signing.ts',
        'notify/src/channels/email-sender.ts', 'sqliteTransaction', 'run', 'all', 'get', 'notices/src', 'nodemailer/lib/smtp-pool/index.js', 'temporal-polyfill',
        'releaseFanOut', 'enqueueAll', 'retimeReleaseReminders', 'missingReleaseReminders', 'keysOf', 'reminderPlanner', 'recordAndLease', 'renewLeases', 'signWebhook', 'assertDeliverableUrl', 'send',
      ]);
      note(`  inclusive: ${Object.entries(inclusive).filter(([, percent]) => percent > 0).map(([label, percent]) => `${label} ${percent.toFixed(1)}%`).join(', ')}`);
    }
    note(`profiles written to ${folder}`);
  }
  transport.close();
  agent.destroy();
  note(`total ${seconds(started)} s`);
} finally {
  await notify?.close();
  webhook?.close();
  email?.close();
  await schedule.close();
  await store.close();
  receiver.close();
  await rm(dir, { recursive: true, force: true });
}
