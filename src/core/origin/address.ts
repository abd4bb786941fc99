import { isIP } from 'node:net';

/**
 * Whether a host (as serialized in an origin: domain, dotted IPv4 or bracketed IPv6) is this machine:
 * `localhost` and `*.localhost` (RFC 6761 §6.3), `127.0.0.0/8` and `[::1]`. `http:` origins on these
 * may carry credentials (no network attacker in between) and `http://localhost:*`-style patterns name
 * one of them. Expects the canonical host of a parsed origin (lower case, as the URL parser writes it).
 *
 * @example
 * ```ts
 * isLoopback('localhost');     // true
 * isLoopback('127.0.0.2');     // true
 * isLoopback('[::1]');         // true
 * isLoopback('192.168.1.10');  // false: private, but another machine
 * ```
 */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    (host.startsWith('127.') && isIP(host) === 4)
  );
}

/**
 * Whether a host (as serialized in an origin: domain, dotted IPv4 or bracketed IPv6)
 * names this machine or a private network: `localhost` and `*.localhost`, `*.local` (mDNS),
 * loopback, RFC 1918, CGNAT, link-local, unspecified and IPv6 unique-local/link-local
 * addresses (also IPv4-mapped).
 *
 * @example
 * ```ts
 * isLocal('localhost');       // true
 * isLocal('[::1]');           // true
 * isLocal('192.168.1.10');    // true
 * isLocal('api.example.com'); // false
 * ```
 */
export function isLocal(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local')) return true;
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  const version = isIP(bare);
  if (version === 4) return isPrivateIPv4(bare);
  if (version === 6) return isPrivateIPv6(bare);
  return false;
}

/**
 * Former name of {@link isLocal}, kept for the public `corsguard/origin` API.
 *
 * @deprecated use {@link isLocal}.
 * @example
 * ```ts
 * isLocalHost('10.0.0.1'); // true
 * ```
 */
export const isLocalHost: (host: string) => boolean = isLocal;

/** Whether a host is an IP address literal (IPv4 or bracketed/unbracketed IPv6). */
export function isIpHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) !== 0;
}

function isPrivateIPv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 0 || // 0.0.0.0/8 "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT 100.64/10
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateIPv6(ip: string): boolean {
  const v = ip.toLowerCase();
  if (v === '::1' || v === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped?.[1]) return isPrivateIPv4(mapped[1]);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v);
  if (hexMapped?.[1] && hexMapped[2]) {
    const hi = Number.parseInt(hexMapped[1], 16);
    const lo = Number.parseInt(hexMapped[2], 16);
    return isPrivateIPv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const first = Number.parseInt(v.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80; // fc00::/7, fe80::/10
}
