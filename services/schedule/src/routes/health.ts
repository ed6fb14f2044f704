import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpErrors } from '@meridian/http';
import { problems } from '../schemas/common.ts';

/** Liveness and readiness, for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness',
        description: 'The process answers. It says nothing about the store: see `/readyz`.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
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
        description: 'Ready once the read models have caught up with the store and the store answers; 503 otherwise.',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            checkpoint: Type.Union([Type.String(), Type.Null()]),
            eventsProcessed: Type.Integer(),
          }),
          ...problems(503),
        },
      },
    },
    async (request) => {
      const { projector, store } = app.schedule;
      if (!projector.caughtUp) throw new HttpErrors.NotReady('the read models are catching up with the store');
      try {
        await store.headCheckpoint();
      } catch (error) {
        request.log.warn({ err: error }, 'store unreachable');
        throw new HttpErrors.NotReady('the event store does not answer');
      }
      return { status: 'ready' as const, checkpoint: projector.checkpoint ?? null, eventsProcessed: projector.eventsProcessed };
    },
  );
};
