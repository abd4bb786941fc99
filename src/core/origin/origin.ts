import { CorsguardError } from '../errors/index.js';

/** A tuple origin (scheme, host, port) as defined by HTML §Origin. `port` is null for the scheme's default port. */
export interface TupleOrigin {
  readonly kind: 'tuple';
  readonly scheme: string;
  /** ASCII-serialized host: lower-case domain (IDN in punycode), dotted IPv4, or bracketed IPv6. */
  readonly host: string;
  readonly port: number | null;
}

/** The opaque origin, serialized as `null` (sandboxed iframes, `data:` URLs, some redirects). */
export interface OpaqueOrigin {
  readonly kind: 'opaque';
}

/** An origin: a tuple origin or the opaque origin. */
export type Origin = TupleOrigin | OpaqueOrigin;

/** The opaque origin value. */
export const OPAQUE_ORIGIN: OpaqueOrigin = Object.freeze({ kind: 'opaque' });

// URL Standard §special schemes with a tuple origin (file: has an opaque one).
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 };

// An origin is scheme "://" authority with nothing after it: no path, query or fragment.
const ORIGIN_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)(.*)$/s;

/**
 * Parses a serialized origin (`https://app.example.com`, `http://[::1]:8080`, `null`)
 * by the WHATWG URL rules: the host is canonicalised (lower case, IDN to punycode,
 * IPv4 shorthand expanded) and the scheme's default port is elided.
 *
 * Throws a {@link CorsguardError} that says what is wrong and how to fix it for
 * anything that is not an origin: a path (even a trailing `/`), user info, an
 * unsupported scheme, an invalid host or port.
 *
 * @example
 * ```ts
 * parseOrigin('https://Bücher.example:443'); // { kind: 'tuple', scheme: 'https', host: 'xn--bcher-kva.example', port: null }
 * parseOrigin('null');                       // { kind: 'opaque' }
 * ```
 */
export function parseOrigin(input: string): Origin {
  const text = input.trim();
  if (text === '')
    throw new CorsguardError('ORIGIN_EMPTY', 'Origin is empty; write it like https://app.example.com');
  if (text === 'null') return OPAQUE_ORIGIN;
  const shape = ORIGIN_SHAPE.exec(text);
  if (!shape) {
    throw new CorsguardError(
      'ORIGIN_SYNTAX',
      `${quote(input)} is not an origin: expected scheme://host[:port], for example https://app.example.com`,
    );
  }
  const scheme = (shape[1] ?? '').toLowerCase();
  const authority = shape[2] ?? '';
  const rest = shape[3] ?? '';
  if (rest !== '') {
    throw new CorsguardError(
      'ORIGIN_HAS_PATH',
      `${quote(input)} has a path, query or fragment (${quote(rest)}); an origin is only scheme://host[:port] — remove ${quote(rest)}`,
    );
  }
  if (authority.includes('@')) {
    throw new CorsguardError(
      'ORIGIN_HAS_CREDENTIALS',
      `${quote(input)} contains user info before "@"; an origin has none — remove it`,
    );
  }
  if (!(scheme in DEFAULT_PORTS)) {
    throw new CorsguardError(
      'ORIGIN_UNSUPPORTED_SCHEME',
      `${quote(input)} uses scheme "${scheme}"; origins here must be http, https, ws or wss (or the literal null)`,
    );
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch {
    throw new CorsguardError(
      'ORIGIN_INVALID_HOST',
      `${quote(input)} has an invalid host or port; check the host name and that the port is a number from 0 to 65535`,
    );
  }
  if (url.hostname === '') {
    throw new CorsguardError(
      'ORIGIN_INVALID_HOST',
      `${quote(input)} has no host; write it like https://app.example.com`,
    );
  }
  return { kind: 'tuple', scheme, host: url.hostname, port: url.port === '' ? null : Number(url.port) };
}

/**
 * Like {@link parseOrigin}, for places that need a scheme, host and port: also refuses `null` (the
 * opaque origin has none of them, HTML §origin) with the code `ORIGIN_OPAQUE`.
 *
 * @example
 * ```ts
 * parseTupleOrigin('https://app.example.com').host; // 'app.example.com'
 * parseTupleOrigin('null');                         // throws CorsguardError ORIGIN_OPAQUE
 * ```
 */
export function parseTupleOrigin(input: string): TupleOrigin {
  const origin = parseOrigin(input);
  if (origin.kind === 'opaque') {
    throw new CorsguardError(
      'ORIGIN_OPAQUE',
      `${quote(input)} is the opaque origin, which has no scheme, host or port; give a tuple origin such as https://app.example.com`,
    );
  }
  return origin;
}

/**
 * Like {@link parseOrigin} but returns `undefined` instead of throwing.
 *
 * @example
 * ```ts
 * tryParseOrigin('https://a.example/'); // undefined
 * ```
 */
export function tryParseOrigin(input: string): Origin | undefined {
  try {
    return parseOrigin(input);
  } catch {
    return undefined;
  }
}

/**
 * The origin of a URL (HTML §Origin of a URL): http(s)/ws(s) URLs have a tuple origin,
 * anything else the opaque origin.
 *
 * @example
 * ```ts
 * originOfUrl('https://api.example.com:443/v1/me'); // https://api.example.com as a TupleOrigin
 * ```
 */
export function originOfUrl(url: string | URL): Origin {
  const u = typeof url === 'string' ? new URL(url) : url;
  const scheme = u.protocol.slice(0, -1);
  if (!(scheme in DEFAULT_PORTS) || u.hostname === '') return OPAQUE_ORIGIN;
  return { kind: 'tuple', scheme, host: u.hostname, port: u.port === '' ? null : Number(u.port) };
}

/**
 * Serializes an origin (HTML §ASCII serialization of an origin): `scheme://host[:port]`, or `null`.
 *
 * @example
 * ```ts
 * serializeOrigin({ kind: 'tuple', scheme: 'https', host: 'a.example', port: 8443 }); // 'https://a.example:8443'
 * ```
 */
export function serializeOrigin(origin: Origin): string {
  if (origin.kind === 'opaque') return 'null';
  return origin.port === null
    ? `${origin.scheme}://${origin.host}`
    : `${origin.scheme}://${origin.host}:${origin.port}`;
}

/**
 * Whether `input` is already the canonical serialization of an origin
 * (lower case, punycode, no default port, no trailing slash).
 *
 * @example
 * ```ts
 * isCanonicalOrigin('https://a.example');      // true
 * isCanonicalOrigin('https://A.example:443');  // false
 * ```
 */
export function isCanonicalOrigin(input: string): boolean {
  const origin = tryParseOrigin(input);
  return origin !== undefined && serializeOrigin(origin) === input;
}

/** The port actually used by a tuple origin (its explicit port or the scheme default). */
export function effectivePort(origin: TupleOrigin): number {
  return origin.port ?? DEFAULT_PORTS[origin.scheme] ?? 0;
}

/**
 * Same origin (HTML §same origin): identical scheme, host and port; `null` is never same origin with anything
 * (two opaque origins are only the same if they are the same object, which a serialized `null` never proves).
 *
 * @example
 * ```ts
 * isSameOrigin(parseOrigin('https://a.example'), parseOrigin('https://a.example:443')); // true
 * ```
 */
export function isSameOrigin(a: Origin, b: Origin): boolean {
  if (a.kind === 'opaque' || b.kind === 'opaque') return false;
  return a.scheme === b.scheme && a.host === b.host && effectivePort(a) === effectivePort(b);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
}

/**
 * Parses origins a user declares trusted (`--trusted-origin`, the web form's list) into serialized
 * origins. Each problem is appended to `problems`, prefixed with `label`; `null` is refused, since the
 * opaque origin can never be trusted.
 *
 * @example
 * ```ts
 * const problems: string[] = [];
 * parseTrustedOrigins(['https://App.example.com', 'null'], '--trusted-origin', problems);
 * // ['https://app.example.com']; problems: ['--trusted-origin null: the null origin can never be trusted']
 * ```
 */
export function parseTrustedOrigins(raw: readonly string[], label: string, problems: string[]): string[] {
  const out: string[] = [];
  for (const o of raw) {
    let parsed: Origin;
    try {
      parsed = parseOrigin(o);
    } catch (e) {
      problems.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (parsed.kind === 'opaque') problems.push(`${label} null: the null origin can never be trusted`);
    else out.push(serializeOrigin(parsed));
  }
  return out;
}
