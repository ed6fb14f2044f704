import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { holdsETag, notModified, strongETag, type CachedResponse } from '../response-cache.ts';

/** Bytes to send with validators, compressed when the client takes gzip. */
export interface CacheableBody {
  readonly contentType: string;
  readonly body: Buffer;
  /** gzip of `body`, or how to get it (once); compressed on the fly when left out */
  readonly gzip?: Buffer | (() => Buffer);
  /** strong ETag of `body`; the sha-256 of the bytes when left out */
  readonly etag?: string;
  readonly cacheControl: string;
}

/** Compressing a body smaller than this saves less than the header costs. */
const GZIP_THRESHOLD = 1024;

/**
 * Sends bytes with a strong ETag (per encoding: the gzip variant's ends in `-gz`, as RFC 9110
 * asks of different representations), `Cache-Control`, `Vary: Accept-Encoding`, and answers a
 * matching `If-None-Match` with 304.
 */
export const sendCacheable = (request: FastifyRequest, reply: FastifyReply, response: CacheableBody): FastifyReply => {
  const etag = response.etag ?? strongETag(response.body);
  const gzipped = acceptsGzip(request.headers['accept-encoding']) && response.body.length >= GZIP_THRESHOLD;
  const tag = gzipped ? `${etag.slice(0, -1)}-gz"` : etag;
  reply.header('etag', tag).header('cache-control', response.cacheControl).header('vary', varyWith(reply, 'accept-encoding'));
  const held = request.headers['if-none-match'];
  if (holdsETag(held, tag) || holdsETag(held, etag)) return notModified(reply);
  reply.type(response.contentType);
  if (!gzipped) return reply.send(response.body);
  const gzip = typeof response.gzip === 'function' ? response.gzip() : (response.gzip ?? gzipSync(response.body));
  return reply.header('content-encoding', 'gzip').send(gzip);
};

/** Whether `Accept-Encoding` takes gzip (a `q=0` refuses it). */
export const acceptsGzip = (header: string | undefined): boolean =>
  (header ?? '').split(',').some((entry) => {
    const [coding = '', ...params] = entry.trim().toLowerCase().split(';');
    const q = params.find((param) => param.trim().startsWith('q='));
    return (coding.trim() === 'gzip' || coding.trim() === '*') && (q === undefined || Number(q.trim().slice(2)) > 0);
  });

const varyWith = (reply: FastifyReply, name: string): string => {
  const current = reply.getHeader('vary');
  const values = (typeof current === 'string' ? current.split(',') : []).map((value) => value.trim()).filter((value) => value !== '');
  return [...new Set([...values, name])].join(', ');
};

const gzipped = new WeakMap<CachedResponse, Buffer>();

/** The gzip of a cached answer, compressed once for as long as the cache holds the answer. */
export const gzipOnce = (response: CachedResponse): Buffer => {
  let gzip = gzipped.get(response);
  if (gzip === undefined) {
    gzip = gzipSync(response.body);
    gzipped.set(response, gzip);
  }
  return gzip;
};
