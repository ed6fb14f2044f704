import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { HttpErrors } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the organiser whose bearer token came with the request, or null */
    organiser: string | null;
  }
  interface FastifyContextConfig {
    /** organisers only: anyone else is refused before the body is read */
    organiser?: boolean;
  }
}

export interface AuthOptions {
  /** organiser id by token, from `MERIDIAN_API_TOKENS` */
  readonly organisersByToken: ReadonlyMap<string, string>;
}

// Looked up by a hash of the token: the lookup's timing then says nothing about the secret itself.
const digest = (token: string): string => createHash('sha256').update(token).digest('base64');

/**
 * Resolves `Authorization: Bearer <token>` to an organiser (`request.organiser`). A route marked
 * `config: { organiser: true }` refuses anyone else with a 401 before its body is parsed, validated
 * or claimed under an Idempotency-Key (which writes to the store); other routes decide for
 * themselves (`requireOrganiser`): the meetings list refuses a wrong token, a public read ignores it.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthOptions) => {
    const organisers = new Map([...options.organisersByToken].map(([token, organiser]) => [digest(token), organiser]));
    // Resolved when read, not by a hook on every request: most requests are anonymous reads that
    // never ask. Not kept either: the routes that read it (the rate limit's key, an organiser's
    // write) read it two or three times, a hash of a short token each time.
    app.decorateRequest('organiser', {
      getter(this: FastifyRequest): string | null {
        const header = this.headers.authorization;
        const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
        return match === null ? null : (organisers.get(digest(match[1]!)) ?? null);
      },
    });
    app.addHook('onRoute', (route) => {
      if (route.config?.organiser) route.onRequest = [...[route.onRequest ?? []].flat(), organisersOnly];
    });
  },
  { name: 'meridian-auth' },
);

const organisersOnly: onRequestHookHandler = (request, _reply, done) => {
  done(request.organiser === null ? unauthorized(request) : undefined);
};

/** The organiser of the request, or a 401 problem saying what is missing. */
export const requireOrganiser = (request: FastifyRequest): string => {
  if (request.organiser !== null) return request.organiser;
  throw unauthorized(request);
};

const unauthorized = (request: FastifyRequest): Error =>
  new HttpErrors.Unauthorized(request.headers.authorization === undefined ? 'an organiser token, and no Authorization header was sent' : 'an organiser token, and this one is not a configured one');
