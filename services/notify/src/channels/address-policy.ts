import { BlockList, isIP } from 'node:net';

/**
 * IPv4 ranges that are not the public Internet: a webhook must not reach the service's own host,
 * its network or a cloud metadata endpoint (169.254.169.254) on a subscriber's say-so.
 */
const IPV4_RANGES: readonly (readonly [network: string, prefix: number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast 255.255.255.255
];

const IPV6_RANGES: readonly (readonly [network: string, prefix: number])[] = [
  ['::', 96], // unspecified ::, loopback ::1, and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

/** The IPv6 forms that carry an IPv4 address in fixed bits: each refused range is refused there too. */
const IPV4_IN_IPV6: readonly ((high: string, low: string) => readonly [network: string, base: number])[] = [
  (high, low) => [`::ffff:${high}:${low}`, 96], // IPv4-mapped
  (high, low) => [`64:ff9b::${high}:${low}`, 96], // NAT64 well-known prefix
  (high, low) => [`2002:${high}:${low}::`, 16], // 6to4
];

const refused = (() => {
  const list = new BlockList();
  for (const [network, prefix] of IPV4_RANGES) {
    list.addSubnet(network, prefix, 'ipv4');
    const [a, b, c, d] = network.split('.').map(Number) as [number, number, number, number];
    const high = ((a << 8) | b).toString(16);
    const low = ((c << 8) | d).toString(16);
    for (const embed of IPV4_IN_IPV6) {
      const [v6network, base] = embed(high, low);
      list.addSubnet(v6network, base + prefix, 'ipv6');
    }
  }
  for (const [network, prefix] of IPV6_RANGES) list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/**
 * Whether an IP address lies outside the public Internet: loopback, private, link-local, CGNAT,
 * unique-local, unspecified, multicast, reserved or documentation ranges, also when written as
 * IPv4-mapped, NAT64 or 6to4 IPv6. Anything that is not an IP address counts as not public.
 *
 * @example
 * isNonPublicAddress('192.168.1.1') //=> true
 * isNonPublicAddress('::ffff:127.0.0.1') //=> true
 * isNonPublicAddress('93.184.215.14') //=> false
 */
export const isNonPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 4) return refused.check(address, 'ipv4');
  if (family === 6) return refused.check(address, 'ipv6');
  return true;
};
