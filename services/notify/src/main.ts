import { randomBytes } from 'node:crypto';
import { openEventStore } from '@meridian/event-store';
import { ConfigError, closeOnSignals, listenOrExit, systemClock } from '@meridian/http';
import { loadNotifyConfig } from './config.ts';
import { buildNotifyApp, SERVICE_VERSION } from './app.ts';
import { CheckpointNotInStoreError } from './checkpoint-check.ts';
import { createEmailSender, createWebhookSender, type WebhookSender } from './channels/index.ts';

// Standard Webhooks recommends 15–30 s: long enough for a receiver that does its work before it
// answers, short enough that one stalled endpoint holds a delivery slot only briefly.
const WEBHOOK_TIMEOUT_MS = 15_000;

/** Starts the notify service from the environment; a bad configuration exits with a clear message. */
const main = async (): Promise<void> => {
  let config;
  try {
    config = loadNotifyConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`notify: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const store = await openEventStore(config.store);
  const email =
    config.smtpUrl === null ? null : createEmailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom, ...(config.dkim && { dkim: config.dkim }) });
  let webhook: WebhookSender | undefined;
  let app;
  try {
    app = await buildNotifyApp({
      config,
      store,
      clock: systemClock,
      channels: (log) => {
        webhook = createWebhookSender({ allowPrivate: config.allowPrivateWebhooks, timeoutMs: WEBHOOK_TIMEOUT_MS, userAgent: `Meridian-Notify/${SERVICE_VERSION}`, log });
        return { email, webhook };
      },
    });
  } catch (error) {
    // An operator's decision, not a crash: said plainly, without a stack.
    if (error instanceof CheckpointNotInStoreError) {
      process.stderr.write(`notify: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  app.addHook('onClose', async () => {
    webhook?.close();
    email?.close();
    await store.close();
  });
  if (email === null) app.log.warn('SMTP_URL is not set: e-mail subscriptions are refused; webhooks work');
  if (!config.secretConfigured) app.log.warn('MERIDIAN_SECRET is not set: confirmation and unsubscribe links die with this process');
  closeOnSignals(app);
  await listenOrExit(app, 'notify', { port: config.port, host: config.host });
};

await main();
