import { describe, expect, it } from 'vitest';
import { isIpHost, isLocalHost } from './address.js';

describe('isLocalHost', () => {
  it.each([
    ['localhost', 'localhost'],
    ['LOCALHOST in upper case', 'LOCALHOST'],
    ['localhost with a trailing dot', 'localhost.'],
    ['a *.localhost name', 'app.localhost'],
    ['an mDNS *.local name', 'printer.local'],
    ['IPv4 loopback', '127.0.0.1'],
    ['the whole 127/8', '127.255.0.9'],
    ['0.0.0.0 (this network)', '0.0.0.0'],
    ['10/8', '10.1.2.3'],
    ['172.16/12 low end', '172.16.0.1'],
    ['172.16/12 high end', '172.31.255.255'],
    ['192.168/16', '192.168.1.10'],
    ['169.254/16 link-local (cloud metadata)', '169.254.169.254'],
    ['100.64/10 CGNAT', '100.64.0.1'],
    ['IPv6 loopback in brackets', '[::1]'],
    ['IPv6 loopback bare', '::1'],
    ['IPv6 unspecified', '[::]'],
    ['fc00::/7 unique-local (fc)', '[fc00::1]'],
    ['fc00::/7 unique-local (fd)', '[fd00:1234::5]'],
    ['fe80::/10 link-local', '[fe80::1]'],
    ['fe80::/10 upper end', '[febf::1]'],
    ['IPv4-mapped private address, dotted', '[::ffff:10.0.0.1]'],
    ['IPv4-mapped private address, hex (as URL serializes it)', '[::ffff:a00:1]'],
    ['IPv4-mapped loopback, hex', '[::ffff:7f00:1]'],
  ])('%s (%s) is local', (_name, host) => {
    expect(isLocalHost(host)).toBe(true);
  });

  it.each([
    ['a public domain', 'api.example.com'],
    ['a domain that merely starts with localhost', 'localhost.evil.example'],
    ['a domain containing local', 'local.example.com'],
    ['172.15 (below 172.16/12)', '172.15.255.255'],
    ['172.32 (above 172.16/12)', '172.32.0.1'],
    ['192.169 (next to 192.168/16)', '192.169.0.1'],
    ['100.128 (above CGNAT)', '100.128.0.1'],
    ['a public IPv4', '8.8.8.8'],
    ['a public IPv6', '[2001:db8::1]'],
    ['fec0 (outside fe80::/10)', '[fec0::1]'],
    ['IPv4-mapped public address, dotted', '[::ffff:8.8.8.8]'],
    ['IPv4-mapped public address, hex', '[::ffff:808:808]'],
  ])('%s (%s) is not local', (_name, host) => {
    expect(isLocalHost(host)).toBe(false);
  });
});

describe('isIpHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['::1', true],
    ['[2001:db8::1]', true],
    ['example.com', false],
    ['localhost', false],
    ['1.2.3', false],
    ['[example.com]', false],
  ])('%s → %s', (host, expected) => {
    expect(isIpHost(host)).toBe(expected);
  });
});
