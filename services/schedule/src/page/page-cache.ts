import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A rendered page: its bytes, their strong ETag, and the gzipped bytes once a client asked for them. */
export interface RenderedPage {
  readonly body: Buffer;
  readonly etag: string;
  gzip: Buffer | undefined;
}

/**
 * Rendered agenda pages by what alone decides their bytes (meeting, release, zone, locale, the
 * hour of "today"…): readers in the same zone and language share one rendering, and its gzip.
 * Bounded by total bytes, least recently used first out.
 */
export class PageCache {
  readonly #entries = new Map<string, RenderedPage>();
  #bytes = 0;

  constructor(readonly maxBytes = 16 * 1024 * 1024) {}

  /** The page under `key`, rendered by `render` when it is not held. */
  get(key: string, render: () => string): RenderedPage {
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const body = Buffer.from(render(), 'utf8');
    const page: RenderedPage = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, gzip: undefined };
    this.#entries.set(key, page);
    this.#bytes += body.length * 2;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes || oldest === key) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.length * 2;
    }
    return page;
  }

  /** The gzipped bytes of a page, compressed once. */
  static gzipOf(page: RenderedPage): Buffer {
    page.gzip ??= gzipSync(page.body);
    return page.gzip;
  }

  get size(): number {
    return this.#entries.size;
  }
}
