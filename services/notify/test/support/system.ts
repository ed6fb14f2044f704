import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openSqliteEventStore, type SqliteEventStore } from '@meridian/event-store';
import { buildScheduleApp } from '../../../schedule/src/app.ts';
import { loadScheduleConfig } from '../../../schedule/src/config.ts';
import { TestClock, createReferenceMeeting, OHCHR_TOKEN, UCLG_TOKEN } from '../../../schedule/test/support/app.ts';
import { buildNotifyApp } from '../../src/app.ts';
import { loadNotifyConfig, type NotifyConfig } from '../../src/config.ts';
import { createEmailSender, createWebhookSender } from '../../src/channels/index.ts';
import { startSmtpReceiver, startWebhookReceiver } from './receivers.ts';

export { OHCHR_TOKEN, UCLG_TOKEN, createReferenceMeeting, TestClock };

const SECRET = 'a-test-secret-of-at-least-32-characters!';

export interface TestSystem {
  readonly schedule: FastifyInstance;
  readonly notify: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly clock: TestClock;
  readonly config: NotifyConfig;
  readonly smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  readonly receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  readonly dir: string;
  /** injects into the schedule service with an organiser's token */
  as(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** closes the notify app only (the store and the schedule stay), e.g. to restart it */
  stopNotify(): Promise<void>;
}

/**
 * Both services in-process on one SQLite file in a temp folder, one clock, a real SMTP server and a
 * real webhook receiver on loopback. Everything is closed and removed after the test.
 */
export const startSystem = async (
  t: Test,
  options: {
    respond?: Parameters<typeof startWebhookReceiver>[0];
    reminderGraceMs?: number;
    /** more of the schedule service's configuration (its `MERIDIAN_NOTIFY_URL`, say) */
    scheduleEnv?: Record<string, string>;
  } = {},
): Promise<TestSystem> => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-notify-'));
  const store = openSqliteEventStore({ path: join(dir, 'meridian.db') });
  const clock = new TestClock();
  const smtp = await startSmtpReceiver();
  const receiver = await startWebhookReceiver(options.respond);
  const env = {
    MERIDIAN_STORE: `sqlite:${join(dir, 'meridian.db')}`,
    MERIDIAN_API_TOKENS: `ohchr=${OHCHR_TOKEN},uclg=${UCLG_TOKEN}`,
    MERIDIAN_SECRET: SECRET,
  };
  const scheduleConfig = loadScheduleConfig({ ...env, MERIDIAN_PUBLIC_URL: 'https://meridian.test', ...options.scheduleEnv }, () => SECRET);
  const schedule = await buildScheduleApp({ config: scheduleConfig, store, clock, logger: false });
  const config = loadNotifyConfig(
    {
      ...env,
      MERIDIAN_NOTIFY_DB: join(dir, 'notify.db'),
      SMTP_URL: smtp.url,
      MERIDIAN_PUBLIC_URL: 'https://notify.meridian.test',
      MERIDIAN_SCHEDULE_URL: 'https://meridian.test',
      MERIDIAN_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
    () => SECRET,
  );
  const email = createEmailSender({ smtpUrl: smtp.url, from: 'Meridian <notices@meridian.test>' });
  let webhook: ReturnType<typeof createWebhookSender> | undefined;
  const notify = await buildNotifyApp({
    config,
    store,
    clock,
    logger: false,
    reminderGraceMs: options.reminderGraceMs ?? 10 * 60_000,
    delivery: { backoff: { baseMs: 20, maxMs: 200 }, idlePollMs: 20, random: () => 0.5 },
    channels: (log) => {
      webhook = createWebhookSender({ allowPrivate: true, timeoutMs: 2_000, userAgent: 'Meridian-Test', log });
      return { email, webhook };
    },
  });
  let notifyOpen = true;
  const stopNotify = async () => {
    if (!notifyOpen) return;
    notifyOpen = false;
    await notify.close();
  };
  t.teardown(async () => {
    await stopNotify();
    webhook?.close();
    email.close();
    await schedule.close();
    await store.close();
    await smtp.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const as = (token: string | null, request: InjectOptions) =>
    schedule.inject({ ...request, headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...request.headers } });
  return { schedule, notify, store, clock, config, smtp, receiver, dir, as, stopNotify };
};

/**
 * The reference meeting with one webhook subscriber (`agenda.released` only, at the test's
 * receiver), then a release of a changed session title: the receiver is sent one notice.
 */
export const webhookSubscriberNotified = async (system: TestSystem): Promise<{ meetingId: string; id: string; manageToken: string }> => {
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url }, eventTypes: ['agenda.released'] },
  });
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/closing`, payload: { title: 'Closing remarks' } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  return { meetingId, id, manageToken };
};
