import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpErrors } from './errors.ts';
import { PROBE_PATHS } from './health.ts';
import { declareResponseHeaders, documentSharedProblems } from './schemas.ts';


export interface RateLimitOptions {
  /** requests per minute per client (`MERIDIAN_RATE_LIMIT`); 0 turns rate limiting off */
  readonly perMinute: number;
}

/**
 * Limits each client (an organiser by its token, anyone else by address) to `perMinute`
 * requests; beyond, a 429 problem with `Retry-After`. Health, readiness and metrics are exempt so
 * probes never starve.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    if (options.perMinute <= 0) return;
    await app.register(rateLimit, {
      max: options.perMinute,
      timeWindow: 60_000,
      // An organiser is one client wherever it calls from; anyone else is their address.
      keyGenerator: (request) => (request.organiser !== null ? `organiser:${request.organiser}` : request.ip),
      allowList: (request) => PROBE_PATHS.has(request.url.split('?')[0]!),
      errorResponseBuilder: (_request, context) => new HttpErrors.RateLimited(String(Math.ceil(context.ttl / 1000))),
    });
    app.addHook('onRoute', (route) => {
      if (PROBE_PATHS.has(route.url)) return;
      documentSharedProblems(route.schema?.response, ['rate-limited']);
      declareResponseHeaders(route.schema?.response, RateLimitHeaders);
    });
  },
  { name: 'meridian-rate-limit' },
);

// What @fastify/rate-limit sends on every answer of a limited route.
const RateLimitHeaders = {
  'X-RateLimit-Limit': { type: 'integer', description: 'requests allowed per minute to this client' },
  'X-RateLimit-Remaining': { type: 'integer', description: 'requests left in the current minute' },
  'X-RateLimit-Reset': { type: 'integer', description: 'seconds until the count starts again' },
} as const;

