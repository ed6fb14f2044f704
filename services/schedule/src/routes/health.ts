import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpErrors } from '@meridian/http';
import { problem } from '../schemas/common.ts';

/** Liveness and readiness, for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        description: 'Ready once the read models have caught up with the store and the store answers; 503 otherwise.',
        operationId: 'getReadiness',
        security: [],
        response: {
          200: Type.Object(
            {
              status: Type.Literal('ready'),
              checkpoint: Type.Union([Type.String(), Type.Null()], { description: 'the store position the read models have reached' }),
              eventsProcessed: Type.Integer({ description: 'events applied since the process started' }),
            },
            { description: 'Ready: the read models have caught up and the store answers.', examples: [{ status: 'ready', checkpoint: '1842', eventsProcessed: 1842 }] },
          ),
          503: problem('Not ready: the read models are still catching up with the store, or the store does not answer (`not-ready`).'),
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
