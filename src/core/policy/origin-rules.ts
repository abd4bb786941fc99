import { CorsguardError } from '../errors/index.js';
import { hostSite, isIpHost, parseOrigin, serializeOrigin } from '../origin/index.js';
import type { OriginRule, PolicyIssue } from './types.js';

/** Hosts a `scheme://localhost:*` development pattern covers. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Hosts that are this machine: `http:` origins on them may carry credentials (no network attacker in between). */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

type Path = readonly (string | number)[];

/**
 * Parses one allowlist entry into an {@link OriginRule}, or returns the issues that make it unsafe or
 * malformed. `credentials` turns on the `http:` rule (Fetch: a credentialed read by a network attacker).
 *
 * @example
 * ```ts
 * parseOriginRule('https://*.example.com', false, ['origins', 0]); // { kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null }
 * parseOriginRule('https://*.github.io', false, ['origins', 0]);   // [{ code: 'origin-pattern-public-suffix', … }]
 * ```
 */
export function parseOriginRule(entry: string, credentials: boolean, path: Path): OriginRule | PolicyIssue[] {
  if (entry === '*') {
    return [
      issue(
        'origin-wildcard-in-list',
        path,
        `"*" inside the origins list is not a pattern`,
        `write origins: '*' (anonymous reads only) or list the origins`,
      ),
    ];
  }
  if (entry.trim().toLowerCase() === 'null') {
    return [
      issue(
        'origin-null',
        path,
        `"null" is refused: sandboxed iframes, data: URLs and local files all send Origin: null, so any attacker can`,
        'remove "null" and list the real origins of your front ends',
      ),
    ];
  }
  if (entry.includes('*')) return parsePattern(entry, credentials, path);
  let parsed: ReturnType<typeof parseOrigin>;
  try {
    parsed = parseOrigin(entry);
  } catch (e) {
    const message = e instanceof CorsguardError ? e.message : String(e);
    return [
      issue(
        'origin-invalid',
        path,
        message,
        'write the origin as scheme://host[:port], e.g. https://app.example.com',
      ),
    ];
  }
  if (parsed.kind !== 'tuple')
    return [issue('origin-null', path, `"${entry}" is the opaque origin`, 'list real origins')];
  if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
    return [
      issue(
        'origin-invalid',
        path,
        `"${entry}" uses ${parsed.scheme}:, but browsers send http(s) origins`,
        `write it with https://`,
      ),
    ];
  }
  const canonical = serializeOrigin(parsed);
  const issues: PolicyIssue[] = [];
  if (canonical !== entry) {
    issues.push(
      issue(
        'origin-not-canonical',
        path,
        `"${entry}" is not how a browser serializes this origin, so it would never match`,
        `write "${canonical}" (lower case, punycode, no default port, no trailing slash)`,
      ),
    );
  }
  if (credentials && parsed.scheme === 'http' && !isLoopbackHost(parsed.host))
    issues.push(insecure(path, entry));
  return issues.length > 0 ? issues : { kind: 'exact', origin: canonical };
}

// `https://*.example.com[:port]` or `http://localhost:*`.
const PATTERN = /^(https?):\/\/(\*\.)?(\[::1\]|[^:/*[\]]+)(?::(\d{1,5}|\*))?$/;

function parsePattern(entry: string, credentials: boolean, path: Path): OriginRule | PolicyIssue[] {
  const m = PATTERN.exec(entry);
  const scheme = m?.[1] as 'http' | 'https' | undefined;
  const sub = m?.[2] !== undefined;
  const host = m?.[3];
  const portText = m?.[4];
  if (
    !m ||
    scheme === undefined ||
    host === undefined ||
    (sub && portText === '*') ||
    (!sub && portText !== '*')
  ) {
    return [
      issue(
        'origin-pattern-invalid',
        path,
        `"${entry}" is not a supported pattern`,
        'use https://*.example.com (any subdomain, one * as the whole first label) or http://localhost:* (any port on loopback); write other origins exactly',
      ),
    ];
  }
  if (!sub) {
    if (!LOOPBACK_HOSTS.includes(host)) {
      return [
        issue(
          'origin-pattern-invalid',
          path,
          `"${entry}": a port wildcard is only allowed on localhost, 127.0.0.1 or [::1]`,
          `list the port explicitly, e.g. ${scheme}://${host}:8080`,
        ),
      ];
    }
    return { kind: 'loopback-any-port', scheme };
  }
  const canonicalHost = canonicalDomain(host);
  if (canonicalHost === null || isIpHost(canonicalHost)) {
    return [
      issue(
        'origin-pattern-invalid',
        path,
        `"${entry}": "${host}" is not a domain name`,
        'write a domain such as https://*.example.com',
      ),
    ];
  }
  const issues: PolicyIssue[] = [];
  const site = hostSite(canonicalHost);
  if (site.registrableDomain === null) {
    issues.push(
      issue(
        'origin-pattern-public-suffix',
        path,
        `"${entry}" matches every site under the public suffix "${canonicalHost}", which anyone can register`,
        `name your own domain instead, e.g. ${scheme}://*.your-company.${canonicalHost}`,
      ),
    );
  }
  const port = portText === undefined ? null : Number(portText);
  const defaultPort = scheme === 'https' ? 443 : 80;
  if (port !== null && (port > 65535 || port === defaultPort || String(port) !== portText)) {
    issues.push(
      issue(
        'origin-not-canonical',
        path,
        `"${entry}" has port ${portText}, which a browser never writes in an Origin`,
        port === defaultPort ? `drop ":${portText}"` : 'use a port from 1 to 65535 without leading zeros',
      ),
    );
  }
  if (canonicalHost !== host) {
    issues.push(
      issue(
        'origin-not-canonical',
        path,
        `"${entry}" is not canonical`,
        `write "${scheme}://*.${canonicalHost}"`,
      ),
    );
  }
  if (credentials && scheme === 'http' && !isLoopbackHost(canonicalHost)) issues.push(insecure(path, entry));
  return issues.length > 0 ? issues : { kind: 'subdomains', scheme, domain: canonicalHost, port };
}

function canonicalDomain(host: string): string | null {
  try {
    const url = new URL(`https://${host}`);
    return url.hostname === '' ? null : url.hostname;
  } catch {
    return null;
  }
}

function insecure(path: Path, entry: string): PolicyIssue {
  return issue(
    'origin-insecure-credentials',
    path,
    `"${entry}" is http: and credentials are on: anyone on the network path (public Wi-Fi) can inject script into it and read your users' data`,
    'use https:// (http: is accepted only for localhost and loopback)',
  );
}

/** Builds a {@link PolicyIssue}. */
export function issue(code: PolicyIssue['code'], path: Path, message: string, fix: string): PolicyIssue {
  return { code, path, message, fix };
}
