import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpErrors } from '@meridian/http';
import { problem } from '../schemas.ts';

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
        description: 'Ready once the reactor has caught up with the store and the store answers; 503 otherwise.',
        operationId: 'getReadiness',
        security: [],
        response: {
          200: Type.Object(
            { status: Type.Literal('ready'), eventsProcessed: Type.Integer({ description: 'events the reactor applied since the process started' }) },
            { description: 'Ready: the reactor has caught up and the store answers.', examples: [{ status: 'ready', eventsProcessed: 1842 }] },
          ),
          503: problem('Not ready: the reactor is still catching up with the store, or the store does not answer (`not-ready`).'),
        },
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
