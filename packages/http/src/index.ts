/** HTTP infrastructure both services share: problem+json, auth, OpenAPI, server options, env parsing. */
export * from './errors.ts';
export * from './problem-types.ts';
export * from './problem-details.ts';
export * from './auth.ts';
export * from './env.ts';
export * from './service-config.ts';
export * from './openapi.ts';
export * from './schemas.ts';
export * from './server-options.ts';
export * from './shutdown.ts';
export * from './idempotency.ts';
export * from './link-tokens.ts';
export * from './clock.ts';
export * from './metrics.ts';
export * from './rate-limit.ts';
export * from './subscription-metrics.ts';
export * from './health.ts';
