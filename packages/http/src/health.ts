import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EventStore } from '@meridian/event-store';
import { HttpErrors } from './errors.ts';
import { problemResponse } from './schemas.ts';
import type { SubscriptionProgress } from './subscription-metrics.ts';

export interface HealthOptions {
  readonly store: Pick<EventStore, 'headCheckpoint'>;
  /** what the service's subscription to the store feeds: `the read models`, `the reactor` */
  readonly subscriptionName: string;
  readonly progress: () => SubscriptionProgress & { readonly checkpoint?: string | undefined };
}

/** What orchestrators and scrapers call, whatever state the service is in: never limited, never held back. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Liveness and readiness, for load balancers and orchestrators: `/healthz` answers while the
 * process does; `/readyz` only once its subscription has caught up with the store and the store
 * answers.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  const { store, subscriptionName, progress } = options;
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness',
        description: 'The process answers. It says nothing about the store: see `/readyz`.',
        operationId: 'getLiveness',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { description: 'The process is alive.', examples: [{ status: 'ok' }] }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Readiness',
        description: `Ready once the subscription feeding ${subscriptionName} has caught up with the store and the store answers; 503 otherwise.`,
        operationId: 'getReadiness',
        security: [],
        response: {
          200: Type.Object(
            {
              status: Type.Literal('ready'),
              checkpoint: Type.Union([Type.String(), Type.Null()], { description: 'the store position reached' }),
              eventsProcessed: Type.Integer({ description: 'events applied since the process started' }),
            },
            { description: `Ready: the subscription feeding ${subscriptionName} has caught up and the store answers.`, examples: [{ status: 'ready', checkpoint: '1842', eventsProcessed: 1842 }] },
          ),
          503: problemResponse(`Not ready: the subscription feeding ${subscriptionName} is still catching up, or the store does not answer (\`not-ready\`).`),
        },
      },
    },
    async (request) => {
      const current = progress();
      if (!current.caughtUp) throw new HttpErrors.NotReady(`the subscription feeding ${subscriptionName} is catching up with the store`);
      try {
        await store.headCheckpoint();
      } catch (error) {
        request.log.warn({ err: error }, 'store unreachable');
        throw new HttpErrors.NotReady('the event store does not answer');
      }
      return { status: 'ready' as const, checkpoint: current.checkpoint ?? null, eventsProcessed: current.eventsProcessed };
    },
  );
};
