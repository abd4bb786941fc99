import { isLocal, isLoopback, tryParseOrigin } from '../../core/origin/index.js';

/**
 * One step of a diagnosis: its name, whether it passed, and what the browser model saw.
 *
 * @example
 * ```ts
 * const s: Step = { name: 'cors-check', ok: false, detail: 'response has no Access-Control-Allow-Origin header' };
 * ```
 */
export interface Step {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Mixed Content §4.4: an `https:` page may not fetch an `http:` or `ws:` URL, unless the URL is
 * loopback (`localhost`, `127.0.0.1`, `[::1]` are potentially trustworthy).
 *
 * @example
 * ```ts
 * mixedContentStep('https://app.example', new URL('http://api.example/v1')).ok; // false
 * mixedContentStep('https://app.example', new URL('http://localhost:8080')).ok;  // true
 * ```
 */
export function mixedContentStep(origin: string, url: URL): Step {
  const page = tryParseOrigin(origin);
  const secure = page?.kind === 'tuple' && (page.scheme === 'https' || page.scheme === 'wss');
  const insecure = url.protocol === 'http:' || url.protocol === 'ws:';
  if (secure && insecure && !isLoopback(url.hostname)) {
    return {
      name: 'mixed-content',
      ok: false,
      detail: `an https: page may not request ${url.protocol} ${url.href}; it is blocked before it is sent`,
    };
  }
  return {
    name: 'mixed-content',
    ok: true,
    detail: secure ? 'the URL is https:, wss: or loopback' : 'the page is not https:',
  };
}

/**
 * Local Network Access, as Chromium 142+ enforces it: a page on a public address asking for a loopback
 * or local-network host. A non-secure page is refused outright ("The request client is not a secure
 * context and the resource is in more-private address space"); a secure one needs the user's permission
 * (a prompt; "Permission was denied for this request to access the `loopback` address space" when it is
 * refused), which no response header can grant and no preflight asks for (the older Private Network
 * Access preflight with `Access-Control-Allow-Private-Network` is gone from Chromium). Null when the
 * rule does not apply.
 *
 * @example
 * ```ts
 * localNetworkStep('https://app.example', new URL('http://192.168.1.10/api'))?.ok; // true (if the user allows it)
 * localNetworkStep('http://app.example', new URL('http://192.168.1.10/api'))?.ok;  // false
 * localNetworkStep('http://localhost:3000', new URL('http://localhost:8080'));     // null
 * ```
 */
export function localNetworkStep(origin: string, url: URL): Step | null {
  const page = tryParseOrigin(origin);
  if (page?.kind !== 'tuple' || isLocal(page.host) || !isLocal(url.hostname)) return null;
  const space = isLoopback(url.hostname) ? 'loopback' : 'local';
  if (page.scheme !== 'https') {
    return {
      name: 'local-network',
      ok: false,
      detail: `the page is not a secure context and ${url.hostname} is in the more private \`${space}\` address space`,
    };
  }
  return {
    name: 'local-network',
    ok: true,
    detail: `${url.hostname} is in the \`${space}\` address space: Chrome asks the user for permission (Local Network Access); corsguard assumes it is granted`,
  };
}
