import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { RequestLatencyHistogram } from './request-latency.ts';

export interface MetricsOptions {
  /** `meridian_schedule` or `meridian_notify`: the prefix of the service's own metrics */
  readonly service: string;
  /** adds the service's own metrics (events processed, lag, outbox depth …) to the registry */
  readonly register?: (registry: Registry) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
  interface FastifyRequest {
    /** `performance.now()` when the request was routed, for its latency */
    routedAt: number;
  }
}

/**
 * Prometheus metrics at `/metrics`: the process's own (memory, event loop, GC), request latency by
 * route and status, and what the service registers. Routes are labelled by their pattern, never by
 * the raw URL, so meeting ids and feed tokens do not become label values.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: registry });
    const latency = new RequestLatencyHistogram({
      name: 'http_request_duration_seconds',
      help: 'Time from routing a request to handing its answer to the socket',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      constantLabels: { service: options.service },
    });
    options.register?.(registry);
    app.decorate('metrics', registry);
    // Timed from onRequest to onSend, not to onResponse: any onResponse hook makes Fastify listen
    // for the end of every response, which cost a 304 more than the whole measurement.
    app.decorateRequest('routedAt', 0);
    app.addHook('onRequest', (request, _reply, done) => {
      request.routedAt = performance.now();
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      latency.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, (performance.now() - request.routedAt) / 1000);
      done(null, payload);
    });
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['meta'],
          summary: 'Prometheus metrics',
          description: 'Request latency, events processed, subscription lag and, for notify, outbox depth and deliveries by status.',
          operationId: 'getMetrics',
          security: [],
          response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      async (_request, reply) => reply.type(registry.contentType).send(`${await registry.metrics()}\n${latency.exposition()}`),
    );
  },
  { name: 'meridian-metrics' },
);
