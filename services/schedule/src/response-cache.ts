import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface CachedResponse {
  readonly body: Buffer;
  /** strong ETag of the bytes */
  readonly etag: string;
}

interface CacheEntry {
  readonly response: CachedResponse;
  /** read since it last came to the back of the queue: it gets a second chance before eviction */
  recentlyUsed: boolean;
}

/**
 * Rendered responses by what alone decides their bytes — a feed by (meeting, release version,
 * whether the meeting is over, personal options), an agenda by (meeting, release version, zone,
 * locale), a page by those and the day — so each is rendered once per release, not per request.
 * Bounded by total bytes. Eviction is second chance (CLOCK), close to least recently used: oldest
 * first, but an entry read since it was queued goes to the back once more. A hit only marks its
 * entry, where moving it in the map on every read (true LRU) cost more than the rest of a 304.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CacheEntry>();
  #bytes = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  /** The answer under `key`, rendered now if it is not kept. */
  get(key: string, render: () => string): CachedResponse {
    return this.lookup(key) ?? this.#keep(key, render());
  }

  /** The answer under `key` if it is kept, never rendering it. */
  lookup(key: string): CachedResponse | undefined {
    const cached = this.#entries.get(key);
    if (cached === undefined) return undefined;
    cached.recentlyUsed = true;
    return cached.response;
  }

  #keep(key: string, rendered: string): CachedResponse {
    const body = Buffer.from(rendered, 'utf8');
    const response = { body, etag: strongETag(body) };
    this.#entries.set(key, { response, recentlyUsed: false });
    this.#bytes += body.length;
    this.#evictBeyondBound(key);
    return response;
  }

  /** Evicts oldest first until the bytes fit, never `kept` (the answer being sent, however large). */
  #evictBeyondBound(kept: string): void {
    // Entries moved to the back come round again in this same iteration, unmarked.
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) return;
      if (key === kept) continue;
      this.#entries.delete(key);
      if (entry.recentlyUsed) {
        entry.recentlyUsed = false;
        this.#entries.set(key, entry);
      } else {
        this.#bytes -= entry.response.body.length;
      }
    }
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

/**
 * Whether an `If-None-Match` header names this ETag (or `*`): the client holds these bytes already.
 * The comparison is weak, as RFC 9110 (13.1.2) wants for If-None-Match: `W/"x"` names `"x"` too
 * (proxies weaken the tags of answers they compress).
 */
export const holdsETag = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (ifNoneMatch === undefined) return false;
  // the usual case, checked first: a client sends back the one tag it was given
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(',').some((listed) => {
    const tag = listed.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
};

/**
 * Answers 304 with no body and so no Content-Type or Content-Length (RFC 9110, 15.4.5). Sending
 * `null` instead would have Fastify serialise it: `Content-Length: 4` for bytes a 304 never
 * carries, and a keep-alive client waiting for them.
 */
export const notModified = (reply: FastifyReply): FastifyReply => reply.code(304).send();
