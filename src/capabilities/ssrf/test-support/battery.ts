import type { Lookup } from '../index.js';

/** Names that resolve to loopback or metadata addresses, as a hostile DNS would answer. */
export const HOSTILE_DNS: Record<string, string[]> = {
  'loopback.attacker.test': ['127.0.0.1'],
  'mixed.attacker.test': ['93.184.216.34', '127.0.0.1'],
  'metadata.attacker.test': ['169.254.169.254'],
  'v6.attacker.test': ['::1'],
  'mapped.attacker.test': ['::ffff:127.0.0.1'],
  'nat64.attacker.test': ['64:ff9b::7f00:1'],
  'ula.attacker.test': ['fd00:ec2::254'],
};
/** A resolver that answers {@link HOSTILE_DNS} and nothing else. */
export const hostileLookup: Lookup = async (host) => {
  const answer = HOSTILE_DNS[host.toLowerCase()];
  if (!answer) throw new Error(`ENOTFOUND ${host}`);
  return answer.map((address) => ({ address }));
};

/**
 * Spellings and tricks that must all be refused as TARGET_FORBIDDEN (with {@link hostileLookup} as the
 * resolver and `port` allowed): loopback in decimal, octal, hex, short and trailing-dot forms,
 * IPv4-mapped, NAT64, 6to4 and Teredo IPv6, IDN, unspecified, RFC 1918, CGNAT, link-local and cloud
 * metadata, ULA, multicast, broadcast, reserved and documentation ranges, and names whose DNS answer is
 * one of those.
 */
export const forbiddenSpellings = (port: number): string[] => [
  `http://127.0.0.1:${port}/`,
  `http://127.1:${port}/`,
  `http://127.0.1:${port}/`,
  `http://2130706433:${port}/`,
  `http://0x7f000001:${port}/`,
  `http://0x7f.0.0.1:${port}/`,
  `http://0177.0.0.1:${port}/`,
  `http://017700000001:${port}/`,
  `http://127.0.0.1.:${port}/`,
  `http://[::1]:${port}/`,
  `http://[0:0:0:0:0:0:0:1]:${port}/`,
  `http://[::ffff:127.0.0.1]:${port}/`,
  `http://[::ffff:7f00:1]:${port}/`,
  `http://[::127.0.0.1]:${port}/`,
  `http://[64:ff9b::127.0.0.1]:${port}/`,
  `http://[2002:7f00:1::]:${port}/`,
  `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${port}/`,
  `http://localhost:${port}/`,
  `http://LOCALHOST.:${port}/`,
  `http://api.localhost:${port}/`,
  `http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ:${port}/`,
  `http://0.0.0.0:${port}/`,
  `http://0:${port}/`,
  `http://[::]:${port}/`,
  `http://10.0.0.1:${port}/`,
  `http://172.16.0.1:${port}/`,
  `http://172.31.255.255:${port}/`,
  `http://192.168.1.1:${port}/`,
  `http://100.64.0.1:${port}/`,
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  `http://[fe80::1]:${port}/`,
  `http://[fc00::1]:${port}/`,
  `http://[ff02::1]:${port}/`,
  `http://224.0.0.1:${port}/`,
  `http://255.255.255.255:${port}/`,
  `http://240.0.0.1:${port}/`,
  `http://198.18.0.1:${port}/`,
  `http://192.0.0.8:${port}/`,
  `http://[2001:db8::1]:${port}/`,
  `http://loopback.attacker.test:${port}/`,
  `http://LOOPBACK.attacker.test.:${port}/`,
  `http://mixed.attacker.test:${port}/`,
  `http://metadata.attacker.test/`,
  `http://v6.attacker.test:${port}/`,
  `http://mapped.attacker.test:${port}/`,
  `http://nat64.attacker.test:${port}/`,
  `http://ula.attacker.test:${port}/`,
  `ws://127.0.0.1:${port}/socket`,
  `wss://[::1]:${port}/socket`,
];
