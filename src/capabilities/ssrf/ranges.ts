import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a public scanner must never connect to, with the reason shown to the user: this
 * machine, private and shared networks, link-local (cloud metadata at 169.254.169.254 and
 * fd00:ec2::254), and every special-purpose block of the IANA IPv4 and IPv6 registries (RFC 6890) that
 * is not globally reachable, or that embeds an IPv4 address (NAT64, 6to4, Teredo) and could smuggle one.
 */
const RANGES: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'ipv4', 'a private network (RFC 1918)'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback (this machine)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata lives at 169.254.169.254)'],
  ['172.16.0.0', 12, 'ipv4', 'a private network (RFC 1918)'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'ipv4', 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0', 16, 'ipv4', 'a private network (RFC 1918)'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'ipv4', 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'ipv4', 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved (including broadcast 255.255.255.255)'],
  ['::', 96, 'ipv6', 'unspecified or IPv4-compatible (::/96)'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64 (embeds an IPv4 address)'],
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64 (RFC 8215)'],
  ['100::', 64, 'ipv6', 'discard-only (RFC 6666)'],
  ['2001::', 23, 'ipv6', 'IETF protocol assignments (including Teredo 2001::/32)'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['2002::', 16, 'ipv6', '6to4 (embeds an IPv4 address)'],
  ['fc00::', 7, 'ipv6', 'a unique-local network (fc00::/7, including fd00:ec2::254)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local (deprecated)'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = RANGES.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, reason };
});
const IPV4 = lists.filter((l) => l.family === 'ipv4');
const IPV6 = lists.filter((l) => l.family === 'ipv6');

/**
 * Why a resolved IP address is off limits for a public scanner, or `null` when it is a globally
 * reachable unicast address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is judged as the
 * IPv4 address it maps (Node's `BlockList` does the mapping); anything that is not an IP is refused.
 *
 * @example
 * ```ts
 * forbiddenReason('169.254.169.254'); // 'link-local (cloud metadata lives at 169.254.169.254)'
 * forbiddenReason('::ffff:7f00:1');   // 'loopback (this machine)'
 * forbiddenReason('93.184.216.34');   // null
 * ```
 */
export function forbiddenReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 4) return IPV4.find((l) => l.list.check(address, 'ipv4'))?.reason ?? null;
  // IPv4 ranges first (they match IPv4-mapped addresses), so ::ffff:127.0.0.1 says "loopback".
  const hit =
    IPV4.find((l) => l.list.check(address, 'ipv6')) ?? IPV6.find((l) => l.list.check(address, 'ipv6'));
  return hit?.reason ?? null;
}
