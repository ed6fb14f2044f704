import type { FastifyRequest } from 'fastify';

// Parameters whose value is a bearer of rights: a personal feed's token, a confirm or unsubscribe
// link's token. Whoever reads the log could follow the feed or unsubscribe the person.
const SECRET_NAME = /token|secret/i;
const REDACTED = '[redacted]';

/**
 * The request URL as logs may keep it: the values of path and query parameters named like a
 * token or a secret replaced, the rest (meeting ids, zones) kept for correlation.
 *
 * @example
 * redactedUrl({ url: '/feeds/f1/s3cr3t?tz=UTC', params: { feedId: 'f1', token: 's3cr3t' } }) //=> '/feeds/f1/[redacted]?tz=UTC'
 */
export const redactedUrl = (request: Pick<FastifyRequest, 'url' | 'params'>): string => {
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const secrets = Object.entries((request.params ?? {}) as Record<string, unknown>)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
  // Every logged request comes through here: most name no secret, and cost no more than a test.
  const safePath =
    secrets.length === 0
      ? path
      : path
          .split('/')
          .map((segment) => (secrets.includes(safeDecode(segment)) ? REDACTED : segment))
          .join('/');
  if (queryAt < 0) return safePath;
  const rawQuery = request.url.slice(queryAt + 1);
  // (a name could hide behind %-escapes: those queries are parsed as well)
  if (!SECRET_NAME.test(rawQuery) && !rawQuery.includes('%')) return `${safePath}?${rawQuery}`;
  const query = new URLSearchParams(rawQuery);
  const secretNames = [...new Set(query.keys())].filter((name) => SECRET_NAME.test(name));
  if (secretNames.length === 0) return `${safePath}?${rawQuery}`;
  for (const name of secretNames) query.set(name, REDACTED);
  return `${safePath}?${query.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)}`;
};

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Fastify's own request serializer, with the URL redacted. */
export const redactedRequest = (request: FastifyRequest) => {
  const version = request.headers['accept-version'];
  return {
    method: request.method,
    url: redactedUrl(request),
    version: typeof version === 'string' ? version : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
};
