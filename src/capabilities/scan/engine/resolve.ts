import { isIP } from 'node:net';
import { CorsguardError } from '../../../core/errors/index.js';

/** A parsed `--resolve host:port:address` entry (curl's meaning: connect to `address` for `host:port`). */
export interface ResolveEntry {
  readonly host: string;
  readonly port: number;
  readonly address: string;
}

/**
 * Parses curl-style resolve entries. The address may be IPv4, IPv6 (with or without brackets) or a host name.
 * Throws a `USAGE` {@link CorsguardError} that shows the expected form.
 *
 * @example
 * ```ts
 * parseResolve(['api.example.com:443:127.0.0.1']).get('api.example.com:443'); // '127.0.0.1'
 * ```
 */
export function parseResolve(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const m = /^([^:\s]+):(\d{1,5}):(.+)$/.exec(entry.trim());
    const port = m ? Number(m[2]) : Number.NaN;
    if (!m || port < 1 || port > 65535) {
      throw new CorsguardError(
        'USAGE',
        `--resolve ${JSON.stringify(entry)} is not host:port:address; write it like api.example.com:443:127.0.0.1`,
      );
    }
    let address = m[3] ?? '';
    if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
    if (isIP(address) === 0 && !/^[a-z0-9.-]+$/i.test(address)) {
      throw new CorsguardError(
        'USAGE',
        `--resolve ${JSON.stringify(entry)}: "${address}" is not an IP address or host name`,
      );
    }
    map.set(`${(m[1] ?? '').toLowerCase()}:${port}`, address);
  }
  return map;
}

/** 443 for https and wss, else 80. */
export function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80;
}

/**
 * The address a `--resolve` map pins `hostname:port` to (the default port of `protocol` when `port` is
 * empty), or undefined when it is not pinned.
 *
 * @example
 * ```ts
 * pinnedAddress(parseResolve(['api.example.com:443:127.0.0.1']), 'API.example.com', '', 'https:'); // '127.0.0.1'
 * ```
 */
export function pinnedAddress(
  resolve: ReadonlyMap<string, string>,
  hostname: string,
  port: string,
  protocol: string,
): string | undefined {
  return resolve.get(`${hostname.toLowerCase()}:${port || defaultPort(protocol)}`);
}
