import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isNonPublicAddress } from './address-policy.ts';
import { WebhookTargetLookupError, WebhookTargetRefusedError } from './errors.ts';

/** Resolves a host name to all its addresses: `dns.promises.lookup` by default, injectable in tests. */
export type ResolveAll = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/** How `assertDeliverableUrl` judges a target. */
export interface AssertDeliverableUrlOptions {
  /** `MERIDIAN_WEBHOOK_ALLOW_PRIVATE=true`: accept loopback and private addresses (development, tests) */
  readonly allowPrivate: boolean;
  /** the resolver; `dns.promises.lookup` when not given */
  readonly lookup?: ResolveAll | undefined;
}

/** A webhook target that passed the guard, with the addresses it was checked at. */
export interface VettedTarget {
  readonly url: URL;
  /** the host name to connect to, without the brackets of an IPv6 literal */
  readonly hostname: string;
  /** every address the host resolved to when checked; a request must connect to one of these */
  readonly addresses: readonly LookupAddress[];
}

/**
 * Checks that a webhook URL may be delivered to, for `POST /subscriptions` and again before every
 * delivery: http or https, no credentials, and a host whose addresses (every one of them) are public,
 * unless `allowPrivate`. Resolves with the addresses checked; connect through `pinnedLookup` so the
 * request goes to one of them (a second DNS answer cannot rebind the name to 127.0.0.1 in between).
 * Throws `WebhookTargetRefusedError` (permanent) or `WebhookTargetLookupError` (DNS failure).
 *
 * @example
 * await assertDeliverableUrl('http://10.0.0.1/hook', { allowPrivate: false })
 * //=> throws WebhookTargetRefusedError (private-address)
 * await assertDeliverableUrl('https://hooks.example.com/in', { allowPrivate: false })
 * //=> { url, hostname: 'hooks.example.com', addresses: [{ address: '93.184.215.14', family: 4 }] }
 */
export const assertDeliverableUrl = async (url: string, options: AssertDeliverableUrlOptions): Promise<VettedTarget> => {
  // 1. the URL itself
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookTargetRefusedError('invalid-url', 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookTargetRefusedError('unsupported-scheme', `only http and https are delivered to, not ${parsed.protocol.slice(0, -1)}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new WebhookTargetRefusedError('credentials-in-url', 'a webhook URL carries no user name or password');
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');

  // 2. its addresses: an IP literal is its own address; a name is resolved to all of its addresses
  const addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await resolve(hostname, options.lookup ?? dns.lookup);
  if (addresses.length === 0) throw new WebhookTargetRefusedError('no-address', `${hostname} has no address`);

  // 3. the policy, on every address: one private answer among public ones is enough to refuse
  if (!options.allowPrivate) {
    const blocked = addresses.find((entry) => isNonPublicAddress(entry.address));
    // The address a name resolves to is not told: the answer goes to whoever asked, and would map
    // the names this server's resolver knows (split-horizon DNS, cluster services) for them.
    if (blocked !== undefined) throw new WebhookTargetRefusedError('private-address', `${hostname} is not a public address`);
  }
  return { url: parsed, hostname, addresses };
};

const resolve = async (hostname: string, lookup: ResolveAll): Promise<LookupAddress[]> => {
  try {
    return await lookup(hostname, { all: true });
  } catch (error) {
    throw new WebhookTargetLookupError(hostname, { cause: error });
  }
};

/**
 * A `lookup` for `http.request` that answers only with the addresses a target was checked at, so the
 * connection goes where the guard looked (no DNS rebinding between check and connect). TLS still
 * verifies the certificate against the host name.
 *
 * @example
 * http.request({ host: target.hostname, lookup: pinnedLookup(target), ... })
 */
export const pinnedLookup = (target: VettedTarget): LookupFunction => (hostname, options, callback) => {
  if (hostname !== target.hostname) {
    const error: NodeJS.ErrnoException = new Error(`${hostname} was not vetted for this request`);
    error.code = 'ENOTFOUND';
    callback(error, '', 0);
    return;
  }
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
  const candidates = family === 4 || family === 6 ? target.addresses.filter((entry) => entry.family === family) : target.addresses;
  if (candidates.length === 0) {
    const error: NodeJS.ErrnoException = new Error(`${hostname} has no vetted IPv${family} address`);
    error.code = 'ENOTFOUND';
    callback(error, '', 0);
    return;
  }
  if (options.all) {
    callback(null, [...candidates]);
    return;
  }
  callback(null, candidates[0]!.address, candidates[0]!.family);
};
