import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface CachedResponse {
  readonly body: Buffer;
  /** strong ETag of the bytes */
  readonly etag: string;
}

/**
 * Rendered responses by what alone decides their bytes — a feed by (meeting, release version,
 * whether the meeting is over, personal options), an agenda by (meeting, release version, zone,
 * locale), a page by those and the day — so each is rendered once per release, not per request. Bounded by total bytes, least
 * recently used first out.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  #bytes = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string, render: () => string): CachedResponse {
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const body = Buffer.from(render(), 'utf8');
    const feed = { body, etag: strongETag(body) };
    this.#entries.set(key, feed);
    this.#bytes += body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes || oldest === key) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.length;
    }
    return feed;
  }

  /** bytes held, for the memory figures */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The strong ETag of bytes, one format for every cached answer: their SHA-256, base64url. */
export const strongETag = (body: Buffer): string => `"${createHash('sha256').update(body).digest('base64url')}"`;

/** Whether an `If-None-Match` header names this ETag (or `*`): the client holds these bytes already. */
export const holdsETag = (ifNoneMatch: string | undefined, etag: string): boolean =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');

/**
 * Answers 304 with no body and so no Content-Type or Content-Length (RFC 9110, 15.4.5). Sending
 * `null` instead would have Fastify serialise it: `Content-Length: 4` for bytes a 304 never
 * carries, and a keep-alive client waiting for them.
 */
export const notModified = (reply: FastifyReply): FastifyReply => reply.code(304).send();
