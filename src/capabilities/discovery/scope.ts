import { hostSite } from '../../core/origin/index.js';

/** Extensions of static assets: never API endpoints, dropped. */
const STATIC =
  /\.(?:[cm]?js|jsx|ts|tsx|css|map|html?|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|mp[34]|webm|ogg|wav|pdf|zip|gz|txt|xml|wasm)$/i;

/**
 * The scope of discovery: the site's registrable domain by the Public Suffix List (ICANN and private
 * sections, so `me.github.io` is its own site), or the exact host for an IP address or a bare suffix.
 *
 * @example
 * ```ts
 * siteScope(new URL('https://www.shop.example.co.uk/')); // 'shop.example.co.uk'
 * siteScope(new URL('https://me.github.io/'));            // 'me.github.io'
 * ```
 */
export function siteScope(site: URL): string {
  const host = site.hostname.toLowerCase();
  return hostSite(host).registrableDomain ?? host;
}

/**
 * Whether a URL's host is in the scope ({@link siteScope}): the same registrable domain (any subdomain,
 * any port), or exactly the host when the scope has no registrable domain.
 *
 * @example
 * ```ts
 * inScope(new URL('https://api.shop.test/v1'), 'shop.test'); // true
 * inScope(new URL('https://cdn.other.test/'), 'shop.test');  // false
 * ```
 */
export function inScope(url: URL, scope: string): boolean {
  const host = url.hostname.toLowerCase();
  return (hostSite(host).registrableDomain ?? host) === scope;
}

/**
 * Whether a URL names a static asset (script, style sheet, image, font, media, page) by its extension.
 *
 * @example
 * ```ts
 * isStaticAsset(new URL('https://www.shop.test/app.3f2a.js')); // true
 * isStaticAsset(new URL('https://api.shop.test/v1/cart'));     // false
 * ```
 */
export function isStaticAsset(url: URL): boolean {
  return STATIC.test(url.pathname);
}

/**
 * The URL as an endpoint: no fragment, no credentials; undefined when it is not http(s) or ws(s).
 *
 * @example
 * ```ts
 * endpointUrl('/api/cart#x', 'https://www.shop.test/'); // 'https://www.shop.test/api/cart'
 * ```
 */
export function endpointUrl(raw: string, base: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (!/^(?:https?|wss?):$/.test(url.protocol)) return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}
