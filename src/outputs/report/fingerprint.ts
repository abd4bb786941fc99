import { createHash } from 'node:crypto';
import type { FindingId } from '../../capabilities/scan/index.js';
import { hostSite, isIpHost, isLocalHost, normalizeUrl } from '../../core/origin/index.js';

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443' };

/**
 * The part of a probe origin that survives from one scan to the next: the scheme, the host's public suffix
 * (the random attacker label in front of it changes every scan) and a non-default port. Local and IP hosts
 * are kept whole (they are fixed probe values); `null` stays `null`.
 *
 * @example
 * ```ts
 * originFamily('https://k3v9x2mq.invalid');         // 'https://*.invalid'
 * originFamily('https://k3v9x2mqvictim.com');       // 'https://*.com'
 * originFamily('https://app.victim.com:8443');      // 'https://*.com:8443'
 * originFamily('http://localhost:3000');            // 'http://localhost:3000'
 * ```
 */
export function originFamily(origin: string): string {
  if (origin === 'null') return 'null';
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(origin);
  if (!m) return 'other';
  const scheme = (m[1] ?? '').toLowerCase();
  const rest = (m[2] ?? '').toLowerCase();
  const portMatch = /:(\d+)$/.exec(rest);
  const host = portMatch ? rest.slice(0, portMatch.index) : rest;
  const port = portMatch?.[1];
  const portPart = port === undefined || port === DEFAULT_PORTS[scheme] ? '' : `:${port}`;
  if (isIpHost(host) || isLocalHost(host)) return `${scheme}://${host}${portPart}`;
  const suffix = hostSite(host).publicSuffix ?? host.split('.').pop() ?? '';
  return `${scheme}://*.${suffix}${portPart}`;
}

/**
 * A finding's identity across scans: SHA-256 (first 32 hex digits) of the finding id, the normalized target
 * URL and the {@link originFamily} of its origin. Never includes the random attacker label, so the same
 * misconfiguration has the same fingerprint in every run. Used by SARIF `partialFingerprints` and `--baseline`.
 *
 * @example
 * ```ts
 * findingFingerprint({ id: 'origin-reflected', url: 'https://api.example.com/me', origin: 'https://k3v9x2mq.invalid' });
 * // 'a3c1…' (32 hex digits), the same for 'https://zz81ab0c.invalid'
 * ```
 */
export function findingFingerprint(input: { id: FindingId | string; url: string; origin: string }): string {
  const key = `corsguard-finding/v1\n${input.id}\n${normalizeUrl(input.url)}\n${originFamily(input.origin)}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
