import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpErrors } from '@meridian/http';
import { problems } from '../schemas.ts';

/** Liveness and readiness, for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['meta'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Readiness',
        description: 'Ready once the reactor has caught up with the store and the store answers; 503 otherwise.',
        response: { 200: Type.Object({ status: Type.Literal('ready'), eventsProcessed: Type.Integer() }), ...problems(503) },
      },
    },
    async (request) => {
      const { reactor, store } = app.notify;
      if (!reactor.caughtUp) throw new HttpErrors.NotReady('the reactor is catching up with the store');
      try {
        await store.headCheckpoint();
      } catch (error) {
        request.log.warn({ err: error }, 'store unreachable');
        throw new HttpErrors.NotReady('the event store does not answer');
      }
      return { status: 'ready' as const, eventsProcessed: reactor.eventsProcessed };
    },
  );
};
