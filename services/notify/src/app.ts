import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { Counter, Gauge } from 'prom-client';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EventStore } from '@meridian/event-store';
import {
  authPlugin,
  healthRoutes,
  metricsPlugin,
  rateLimitPlugin,
  registerSubscriptionMetrics,
  openApiPlugin,
  ProblemSchema,
  problemDetailsPlugin,
  serverOptions,
  type Clock,
} from '@meridian/http';
import type { NotifyConfig } from './config.ts';
import type { NotifyContext } from './context.ts';
import type { Channels } from './channels-port.ts';
import { openNotifyDatabase } from './db/notify-database.ts';
import { notifyTables } from './db/tables.ts';
import { createMeetingLoader } from './meetings.ts';
import { createComposer } from './composer.ts';
import { Reactor } from './reactor.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { ReminderScheduler } from './reminder-scheduler.ts';
import { NOTIFY_PROBLEM_TYPES } from './problems.ts';
import { SubscriptionSchema } from './schemas.ts';
import { webhooksDocument } from './webhooks-document.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { endSubscription } from './subscription-commands.ts';
import { sweepExpiredSubscriptions } from './subscription-retention.ts';
import { subscriptionFormRoutes } from './routes/subscription-form.ts';
import { linkRoutes } from './routes/links.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { deliveryRoutes } from './routes/deliveries.ts';

export interface NotifyAppOptions {
  readonly config: NotifyConfig;
  readonly store: EventStore;
  readonly clock: Clock;
  /** the channels, given the app's logger to write to */
  readonly channels: (log: FastifyBaseLogger) => Channels;
  readonly logger?: boolean;
  /** tests shorten the delivery worker's timings */
  readonly delivery?: { readonly backoff?: { baseMs: number; maxMs: number }; readonly idlePollMs?: number; readonly maxAttempts?: number; readonly random?: () => number };
  /** a reminder due longer ago than this is never sent (default 10 minutes) */
  readonly reminderGraceMs?: number;
}

export const SERVICE_VERSION = '0.1.0';

/**
 * The notify service as a Fastify app: subscriptions over HTTP, and in the background the reactor
 * (events → outbox), the reminder scheduler (timers → outbox) and the delivery worker (outbox →
 * channels). Ready once the reactor has caught up. The caller owns the store.
 */
export const buildNotifyApp = async (options: NotifyAppOptions): Promise<FastifyInstance> => {
  const { config, store, clock } = options;
  const app = Fastify(serverOptions({ logLevel: config.logLevel, logger: options.logger ?? true, trustedProxies: config.trustedProxies })).withTypeProvider<TypeBoxTypeProvider>();
  const channels = options.channels(app.log.child({ component: 'channels' }));

  const db = openNotifyDatabase(config.databasePath);
  const tables = notifyTables(db);
  const meetings = createMeetingLoader(store);
  const composer = createComposer({
    publicUrl: config.publicUrl,
    scheduleUrl: config.scheduleUrl,
    secret: config.secret,
    organizer: { name: 'Meridian', email: config.organizerEmail ?? config.mailFromAddress },
  });
  const reminderGraceMs = options.reminderGraceMs ?? 10 * 60_000;
  const deliveries = new Counter({
    name: 'meridian_notify_deliveries_total',
    help: 'Delivery attempts by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [],
  });
  const worker = new DeliveryWorker({
    tables,
    channels,
    clock,
    log: app.log,
    ...options.delivery,
    onResult: (channel, result) => deliveries.inc({ channel, outcome: result.outcome }),
    // The receiver's own words (its answer may echo the URL's path and query) stay out of the log,
    // which unsubscribing cannot erase; the delivery keeps them until then.
    onGone: async (subscriptionId) => {
      app.log.warn({ subscriptionId }, 'webhook endpoint gone; ending its subscription');
      await endSubscription(app, subscriptionId, 'system', `gone-${subscriptionId}`, 'endpoint-gone');
    },
  });
  const reminders = new ReminderScheduler({ db, tables, meetings, composer, clock, log: app.log, graceMs: reminderGraceMs, onEnqueued: () => worker.wake() });
  const reactor = new Reactor({
    store,
    db,
    tables,
    meetings,
    composer,
    clock,
    log: app.log,
    reminderGraceMs,
    onEnqueued: () => worker.wake(),
    onReplanned: () => reminders.poke(),
  });
  const context: NotifyContext = { config, clock, store, db, tables, meetings, composer, channels, reactor, worker, reminders };
  app.decorate('notify', context);
  let stopSweeping = async () => {};
  app.addHook('onClose', async () => {
    await stopSweeping();
    await reactor.close();
    await reminders.stop();
    await worker.stop();
    db.close();
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.removeContentTypeParser('text/plain');

  await app.register(problemDetailsPlugin, { problemTypes: NOTIFY_PROBLEM_TYPES });
  // Agenda pages on another origin (the schedule service) post the "notify me" form here. No
  // cookies are involved: a subscription is managed by its own token, so any origin may call.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 3600,
  });
  await app.register(authPlugin, { organisersByToken: config.organisersByToken });
  await app.register(rateLimitPlugin, { perMinute: config.rateLimit });
  await app.register(metricsPlugin, {
    service: 'notify',
    register: (registry) => {
      registerSubscriptionMetrics(registry, 'meridian_notify', () => reactor, () => clock.now());
      new Gauge({
        name: 'meridian_notify_outbox',
        help: 'Notifications in the outbox by status (pending is the depth still to send)',
        labelNames: ['status'],
        registers: [registry],
        collect() {
          const counts = tables.outbox.counts();
          for (const status of ['pending', 'delivered', 'failed', 'cancelled', 'missed']) this.set({ status }, counts[status] ?? 0);
        },
      });
      registry.registerMetric(deliveries);
    },
  });
  app.addSchema(ProblemSchema);
  app.addSchema(SubscriptionSchema);
  await app.register(openApiPlugin, {
    title: 'Meridian notify service',
    description:
      'Participants subscribe to a meeting\'s notices: one digest per release of the changes that concern them, and reminders before each session, by e-mail or signed webhook (Standard Webhooks), every time in their own zone and language.',
    version: SERVICE_VERSION,
    publicUrl: config.publicUrl,
    bearer: 'An organiser token from MERIDIAN_API_TOKENS (the deliveries and webhook lists of their meetings); on a subscription\'s own routes, also the `manageToken` its creation answered',
    tags: [
      { name: 'subscriptions', description: 'Subscribe, read, change, unsubscribe' },
      { name: 'links', description: 'The confirmation and one-click unsubscribe links of every e-mail' },
      { name: 'webhooks', description: 'Webhook endpoints: list, ping, rotate the secret, replay' },
      { name: 'deliveries', description: 'What was sent, what failed (organisers)' },
      { name: 'meta', description: 'Health, readiness, problem types' },
    ],
    webhooks: webhooksDocument(),
  });
  await app.register(healthRoutes, { store, subscriptionName: 'the reactor', progress: () => reactor });
  await app.register(subscriptionRoutes);
  await app.register(linkRoutes);
  await app.register(subscriptionFormRoutes);
  await app.register(webhookRoutes);
  await app.register(deliveryRoutes);

  try {
    await reactor.start();
  } catch (error) {
    // e.g. a checkpoint the store does not hold: nothing started, the notify database closed
    await app.close();
    throw error;
  }
  reminders.start();
  worker.start();
  stopSweeping = sweepExpiredSubscriptions(app, app.log);
  return app;
};
