import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type onSendHookHandler, type preValidationHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Gauge } from 'prom-client';
import type { EventStore } from '@meridian/event-store';
import { FOLD_VERSION } from '@meridian/domain';
import {
  authPlugin,
  documentSharedProblems,
  healthRoutes,
  HttpErrors,
  idempotencyPlugin,
  metricsPlugin,
  rateLimitPlugin,
  registerSubscriptionMetrics,
  openApiPlugin,
  PROBE_PATHS,
  ProblemSchema,
  problemDetailsPlugin,
  serverOptions,
} from '@meridian/http';
import type { Clock } from '@meridian/http';
import type { ScheduleConfig } from './config.ts';
import type { ScheduleContext } from './context.ts';
import { emptyReadModels, projectionsOf } from './read-model/read-models.ts';
import { restoreReadModels, storeIdentity, writeReadModelSnapshot } from './read-model/read-model-snapshot.ts';
import { Projector } from './read-model/projector.ts';
import { ResponseCache } from './response-cache.ts';
import {
  AgendaSchema,
  MeetingResourceSchema,
  ReleaseChangesSchema,
  ReleaseSchema,
  SessionResourceSchema,
} from './schemas/resources.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { releaseRoutes } from './routes/releases.ts';
import { agendaRoutes } from './routes/agenda.ts';
import { feedRoutes } from './routes/feeds.ts';
import { pageRoutes } from './page/page-routes.ts';

export interface ScheduleAppOptions {
  readonly config: ScheduleConfig;
  readonly store: EventStore;
  readonly clock: Clock;
  /** false silences the logs (tests) */
  readonly logger?: boolean;
  /**
   * false: the app is returned while its read models replay the store, answering its probes
   * (`/healthz`, `/readyz` with 503 until caught up, `/metrics`) and 503 `not-ready` on every
   * other route until then. A process that listens only once caught up gives no sign of life
   * during a long replay, and an orchestrator restarts it (which replays again). Default true:
   * the app answers from caught-up read models as soon as it is returned.
   */
  readonly awaitCatchUp?: boolean;
}

export const SERVICE_VERSION = '0.1.0';
/** How long a closing replica waits for the events of meetings it wrote ahead before its snapshot. */
const SNAPSHOT_WAIT_MS = 2_000;

/**
 * Routes that answer while the read models replay the store: the probes, which say how far it is,
 * and the documents, which do not read the read models.
 */
const answersWhileCatchingUp = (url: string): boolean =>
  PROBE_PATHS.has(url) || ['/openapi.json', '/problems/:code', '/docs'].includes(url) || url.startsWith('/docs/');
/** What a client told `not-ready` during the first replay is asked to wait, in seconds. */
const CATCHING_UP_RETRY_AFTER_SECONDS = 5;

/**
 * The schedule service as a Fastify app, ready once its read models have caught up with the
 * store (or returned before, see `awaitCatchUp`). The caller owns the store: closing the app
 * stops the subscription, not the store.
 */
export const buildScheduleApp = async (options: ScheduleAppOptions): Promise<FastifyInstance> => {
  const { config, store, clock } = options;
  const app = Fastify(serverOptions({ logLevel: config.logLevel, logger: options.logger ?? true, trustedProxies: config.trustedProxies })).withTypeProvider<TypeBoxTypeProvider>();

  const snapshotIdentity = { service: SERVICE_VERSION, fold: FOLD_VERSION, store: storeIdentity(config.store) };
  const restored = config.snapshotFile === null ? null : await restoreReadModels(config.snapshotFile, snapshotIdentity, store, app.log);
  const models = restored?.models ?? emptyReadModels();
  const projector = new Projector({ store, projections: projectionsOf(models), log: app.log, ...(restored !== null && { from: restored.lastApplied }) });
  const { meetings, personalFeeds, subscribers } = models;
  const context: ScheduleContext = { config, clock, store, meetings, personalFeeds, subscribers, projector, feedCache: new ResponseCache(), agendaCache: new ResponseCache(32 * 1024 * 1024) };
  app.decorate('schedule', context);
  const saveSnapshot = async () => {
    const { lastApplied } = projector;
    if (config.snapshotFile === null || lastApplied === undefined) return;
    if (!(await meetings.writesApplied(0))) {
      app.log.info({ file: config.snapshotFile }, 'read-model snapshot not written: meetings written ahead of the events applied; the next start replays');
      return;
    }
    try {
      writeReadModelSnapshot(config.snapshotFile, models, { ...snapshotIdentity, lastApplied, takenAt: clock.now().toString() });
    } catch (error) {
      // An optimisation only: the next start replays instead.
      app.log.warn({ err: error, file: config.snapshotFile }, 'writing the read-model snapshot failed');
    }
  };
  app.addHook('onClose', async () => {
    // The snapshot holds what the events applied made of the read models, up to its checkpoint:
    // the events of meetings written ahead (read-your-write) are waited for, a little.
    if (config.snapshotFile !== null) await meetings.writesApplied(SNAPSHOT_WAIT_MS);
    await projector.close();
    await saveSnapshot();
  });

  // Until the first catch-up, what a route would answer from the read models is not the store's
  // truth (a meeting not replayed yet would be a 404): only the probes answer.
  // A callback, not an async hook: it runs before every request, feeds included, whose handlers
  // are kept synchronous (a promise and its microtasks cost as much as the rest of a 304).
  let caughtUpOnce = false;
  app.addHook('onRequest', (request, reply, done) => {
    if (caughtUpOnce || answersWhileCatchingUp(request.routeOptions.url ?? '')) return done();
    reply.header('retry-after', String(CATCHING_UP_RETRY_AFTER_SECONDS));
    done(new HttpErrors.NotReady(`this replica is replaying the store (${projector.eventsProcessed} events so far); retry shortly`));
  });

  // JSON merge patch bodies are JSON.
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  // Bodies are JSON: plain text is a 415, not a confusing schema error.
  app.removeContentTypeParser('text/plain');
  // Each hook only on the routes it serves: a hook on every route is paid by every read.
  const publicUrls = new Set<string>();
  app.addHook('onRoute', (route) => {
    // A POST without a body (a release with every default) is an empty object.
    if ([route.method].flat().some((method) => method === 'POST' || method === 'PATCH')) {
      route.preValidation = [...[route.preValidation ?? []].flat(), emptyBodyAsObject];
    }
    if (!answersWhileCatchingUp(route.url)) documentSharedProblems(route.schema?.response, ['not-ready']);
    // Read-only public routes may be read from any origin (DESIGN.md, HTTP conventions).
    if (route.config?.public) {
      route.onSend = [...[route.onSend ?? []].flat(), allowAnyOrigin];
      publicUrls.add(route.url);
    }
  });

  await app.register(problemDetailsPlugin);
  await app.register(authPlugin, { organisersByToken: config.organisersByToken });
  await app.register(rateLimitPlugin, { perMinute: config.rateLimit });
  await app.register(idempotencyPlugin, { store, now: () => clock.now() });
  await app.register(metricsPlugin, {
    service: 'schedule',
    register: (registry) => {
      registerSubscriptionMetrics(registry, 'meridian_schedule', () => projector, () => clock.now());
      new Gauge({ name: 'meridian_schedule_meetings', help: 'Meetings held by the read models', registers: [registry], collect() { this.set(meetings.size); } });
      new Gauge({ name: 'meridian_schedule_feed_cache_bytes', help: 'Bytes of rendered feeds kept', registers: [registry], collect() { this.set(context.feedCache.bytes); } });
      new Gauge({ name: 'meridian_schedule_agenda_cache_bytes', help: 'Bytes of rendered agendas kept', registers: [registry], collect() { this.set(context.agendaCache.bytes); } });
    },
  });
  for (const schema of [ProblemSchema, SessionResourceSchema, MeetingResourceSchema, ReleaseChangesSchema, ReleaseSchema, AgendaSchema]) {
    app.addSchema(schema);
  }
  await app.register(openApiPlugin, {
    title: 'Meridian schedule service',
    description:
      'Organisers edit meeting agendas (every change is an event, never overwritten) and release versions of them; participants read the agenda in their own time zone and subscribe to iCalendar feeds. The examples show the reference meeting as a later, made-up Rev.2 (session 2 moved to 14:30); the demo loads its Rev.1.',
    version: SERVICE_VERSION,
    publicUrl: config.publicUrl,
    bearer: 'An organiser token from MERIDIAN_API_TOKENS',
    tags: [
      { name: 'meetings', description: 'Meetings as a whole (organisers)' },
      { name: 'sessions', description: 'Sessions of a draft (organisers)' },
      { name: 'releases', description: 'Published versions of the agenda and their changes' },
      { name: 'agenda', description: 'The agenda in any time zone (public)' },
      { name: 'feeds', description: 'iCalendar feeds (public)' },
      { name: 'meta', description: 'Health, readiness, problem types' },
    ],
  });
  await app.register(healthRoutes, { store, subscriptionName: 'the read models', progress: () => projector });
  await app.register(meetingRoutes);
  await app.register(sessionRoutes);
  await app.register(releaseRoutes);
  await app.register(agendaRoutes);
  await app.register(feedRoutes);
  await app.register(pageRoutes);
  // A browser asks first before it sends a header CORS does not list as simple, such as the
  // If-None-Match of a script that revalidates a feed itself.
  for (const url of publicUrls) app.options(url, { schema: { hide: true } }, answerPreflight);

  const firstCatchUp = projector.start().then(() => {
    caughtUpOnce = true;
    app.log.info({ events: projector.eventsProcessed, meetings: meetings.size }, 'read models caught up with the store');
    // Replayed from the start: saved at once, so that a crash before shut-down does not replay again.
    if (restored === null) return saveSnapshot();
  });
  if (options.awaitCatchUp ?? true) await firstCatchUp;
  return app;
};

const emptyBodyAsObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {};
  done();
};

// ETag is not a header scripts of other origins may read unless it is exposed.
const allowAnyOrigin: onSendHookHandler = (_request, reply, payload, done) => {
  reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'ETag');
  done(null, payload);
};

const answerPreflight = async (_request: FastifyRequest, reply: FastifyReply) =>
  reply
    .code(204)
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, HEAD')
    .header('access-control-allow-headers', 'If-None-Match, Accept-Language')
    .header('access-control-max-age', '86400')
    .send();

declare module 'fastify' {
  interface FastifyContextConfig {
    /** read-only public routes: CORS allowed from any origin */
    public?: boolean;
  }
}
