import type { LookupAddress } from 'node:dns';
import type { ResolveAll } from './target-guard.ts';

/** How long and how many answers `cachedLookup` keeps. */
export interface CachedLookupOptions {
  /** how long an answer is reused, in milliseconds */
  readonly ttlMs: number;
  /** how many host names are kept; the oldest is dropped first */
  readonly maxEntries: number;
  /** the clock, in milliseconds (`performance.now` by default: monotonic, no wall time needed) */
  readonly now?: () => number;
}

/**
 * Wraps a resolver so that a fan-out to thousands of subscribers on a few hosts resolves each host
 * once per `ttlMs` instead of once per delivery (`dns.lookup` runs on libuv's 4-thread pool).
 * Concurrent look-ups of one name share one promise; failures are not kept.
 *
 * @example
 * const lookup = cachedLookup(dns.promises.lookup, { ttlMs: 30_000, maxEntries: 1000 })
 * await lookup('hooks.example.com', { all: true }) //=> [{ address: '93.184.215.14', family: 4 }]
 */
export const cachedLookup = (resolve: ResolveAll, options: CachedLookupOptions): ResolveAll => {
  const now = options.now ?? (() => performance.now());
  const answers = new Map<string, { readonly expires: number; readonly addresses: Promise<LookupAddress[]> }>();
  return (hostname, lookupOptions) => {
    const key = hostname.toLowerCase();
    const kept = answers.get(key);
    if (kept !== undefined && kept.expires > now()) return kept.addresses;
    answers.delete(key);
    const addresses = resolve(hostname, lookupOptions);
    answers.set(key, { expires: now() + options.ttlMs, addresses });
    addresses.catch(() => {
      if (answers.get(key)?.addresses === addresses) answers.delete(key);
    });
    if (answers.size > options.maxEntries) answers.delete(answers.keys().next().value!);
    return addresses;
  };
};
