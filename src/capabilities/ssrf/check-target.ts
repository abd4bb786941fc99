import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { CorsguardError } from '../../core/errors/index.js';
import { isLoopback } from '../../core/origin/index.js';
import { forbiddenReason } from './ranges.js';

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup` with `all`). */
export type Lookup = (host: string) => Promise<ReadonlyArray<{ readonly address: string }>>;

/** Options of {@link checkTarget}. */
export interface TargetGateOptions {
  /** Ports a target may use. Default 80 and 443 (and their `ws:`/`wss:` twins). */
  readonly ports?: readonly number[];
  /**
   * Lets private, loopback and link-local addresses through (the lab, a team scanning its own internal
   * network). Schemes, ports and credentials are still checked, and the address is still pinned.
   */
  readonly dangerouslyAllowPrivate?: boolean;
  /** CIDRs allowed although in a forbidden range (`10.20.0.0/16`, `fd12::/64`): one internal network, not all. */
  readonly allowCidrs?: readonly string[];
  /** DNS resolution; default the system resolver (`dns.promises.lookup`, every address). */
  readonly lookup?: Lookup;
}

/** A target that may be scanned, with the address every connection of its scan must use. */
export interface AllowedTarget {
  readonly ok: true;
  /** The URL as parsed (canonical host: decimal, octal and hex IPv4 spellings already normalized). */
  readonly url: string;
  /** The checked address. */
  readonly address: string;
  /**
   * The curl-style `host:port:address` entry that pins it (`EngineOptions.resolve`), so DNS rebinding
   * cannot switch it; `null` for an IP-literal host (nothing is resolved).
   */
  readonly pin: string | null;
}

/** A refused target: `INVALID_URL` (not a scannable URL) or `TARGET_FORBIDDEN` (off limits), with why. */
export interface RefusedTarget {
  readonly ok: false;
  readonly code: 'INVALID_URL' | 'TARGET_FORBIDDEN';
  readonly message: string;
}

const SCHEMES: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
const DEFAULT_PORTS = [80, 443];

const refuse = (code: RefusedTarget['code'], message: string): RefusedTarget => ({
  ok: false,
  code,
  message,
});

const defaultLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Decides whether a public scanner may fetch a user-chosen URL, before any connection: http(s) or
 * ws(s) only, no credentials in the URL, an allowed port, and a host that neither is nor resolves to a
 * forbidden address ({@link forbiddenReason}) — every address the name resolves to is checked, since a
 * client may connect to any of them. The URL parser has already turned `2130706433`, `0x7f.1` and
 * `0177.0.0.1` into `127.0.0.1`, IDN into punycode (`ⓛⓞⓒⓐⓛⓗⓞⓢⓣ` into `localhost`). The answer pins the
 * checked address; the scan must connect only to it and follow no redirect (the scanner never does).
 *
 * @example
 * ```ts
 * const gate = await checkTarget('http://169.254.169.254/latest/meta-data/');
 * gate.ok; // false: TARGET_FORBIDDEN, "169.254.169.254 is link-local (cloud metadata …)"
 * const ok = await checkTarget('https://api.example.com/me');
 * if (ok.ok) await scanTarget(ok.url, { resolve: ok.pin ? [ok.pin] : [] });
 * ```
 */
export async function checkTarget(
  raw: string,
  options: TargetGateOptions = {},
): Promise<AllowedTarget | RefusedTarget> {
  return createTargetGate(options).check(raw);
}

/** A target gate with its options checked once: {@link checkTarget} for many URLs. */
export interface TargetGate {
  check(raw: string): Promise<AllowedTarget | RefusedTarget>;
}

/**
 * Builds a {@link TargetGate}; bad options (a port out of range, a CIDR that does not parse) throw one
 * `USAGE` error listing every problem.
 *
 * @example
 * ```ts
 * const gate = createTargetGate({ allowCidrs: ['10.20.0.0/16'] });
 * (await gate.check('http://10.20.1.5/')).ok; // true
 * ```
 */
export function createTargetGate(options: TargetGateOptions = {}): TargetGate {
  const problems: string[] = [];
  const ports = options.ports ?? DEFAULT_PORTS;
  for (const p of ports)
    if (!Number.isInteger(p) || p < 1 || p > 65535) problems.push(`port ${p} is not 1-65535`);
  const allowed = new BlockList();
  for (const cidr of options.allowCidrs ?? []) {
    const [network = '', bits = ''] = cidr.split('/');
    const family = isIP(network);
    const prefix = Number(bits);
    if (family === 0 || !/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
      problems.push(`allowCidrs ${JSON.stringify(cidr)} is not a CIDR like 10.20.0.0/16 or fd12::/64`);
    } else allowed.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  if (problems.length > 0) throw new CorsguardError('USAGE', `target gate: ${problems.join('; ')}`);
  const isAllowed = (a: string) => allowed.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6');
  return { check: (raw) => gate(raw, options, ports, isAllowed) };
}

async function gate(
  raw: string,
  options: TargetGateOptions,
  ports: readonly number[],
  isAllowed: (address: string) => boolean,
): Promise<AllowedTarget | RefusedTarget> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse(
      'INVALID_URL',
      `${JSON.stringify(raw.slice(0, 200))} is not a URL; give e.g. https://api.example.com/me`,
    );
  }
  const defaultPort = SCHEMES[url.protocol];
  if (defaultPort === undefined) {
    return refuse('INVALID_URL', `${url.protocol} URLs cannot be scanned; use http(s):// or ws(s)://`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'INVALID_URL',
      'the URL carries a user name or password; remove it (credentials are never sent or stored)',
    );
  }
  const port = url.port === '' ? defaultPort : Number(url.port);
  if (!ports.includes(port)) {
    return refuse('TARGET_FORBIDDEN', `port ${port} is not scanned here (allowed: ${ports.join(', ')})`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const bare = host.endsWith('.') ? host.slice(0, -1) : host;
  if (bare === '') return refuse('INVALID_URL', 'the URL has no host');
  let addresses: string[];
  if (isIP(bare) !== 0) {
    addresses = [bare];
  } else if (!options.dangerouslyAllowPrivate && isLoopback(bare)) {
    return refuse('TARGET_FORBIDDEN', `${bare} is this machine (RFC 6761)`);
  } else {
    try {
      addresses = (await (options.lookup ?? defaultLookup)(bare)).map((a) => a.address);
    } catch {
      return refuse('TARGET_FORBIDDEN', `${bare} does not resolve`);
    }
    if (addresses.length === 0) return refuse('TARGET_FORBIDDEN', `${bare} does not resolve`);
  }
  if (!options.dangerouslyAllowPrivate) {
    for (const address of addresses) {
      const why = isAllowed(address) ? null : forbiddenReason(address);
      if (why !== null) {
        const via = address === bare ? address : `${bare} resolves to ${address}, which`;
        return refuse('TARGET_FORBIDDEN', `${via} is ${why}: not scanned from here`);
      }
    }
  }
  const address = addresses[0] as string;
  const pin = isIP(bare) === 0 ? `${url.hostname}:${port}:${address}` : null;
  return { ok: true, url: url.href, address, pin };
}
