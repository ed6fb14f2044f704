import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
    const latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    options.register?.(registry);
    app.decorate('metrics', registry);
    // One labelled series per (method, route, status), looked up by a plain key: prom-client
    // would otherwise hash the label object on every request.
    const series = new Map<string, ReturnType<typeof latency.labels>>();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${route} ${reply.statusCode}`;
      let observer = series.get(key);
      if (observer === undefined) {
        observer = latency.labels({ method: request.method, route, status_code: String(reply.statusCode) });
        series.set(key, observer);
      }
      observer.observe(reply.elapsedTime / 1000);
      done();
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
      async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'meridian-metrics' },
);
