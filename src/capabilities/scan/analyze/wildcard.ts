import { getHeader, type HeaderList } from '../../../core/browser/index.js';
import { isLocal } from '../../../core/origin/index.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding } from '../types.js';
import type { HttpScanData } from './scan-data.js';

/** Hints that a response is not public: private caching, cookies being set, or an intranet host. */
function looksPrivate(data: HttpScanData, headers: HeaderList): boolean {
  const cache = getHeader(headers, 'cache-control') ?? '';
  return /\bprivate\b/i.test(cache) || getHeader(headers, 'set-cookie') !== null || isLocal(data.target.host);
}

/**
 * `Access-Control-Allow-Origin: *`. With `Access-Control-Allow-Credentials: true` it is
 * `wildcard-with-credentials` (browsers block the credentialed read: Fetch §CORS check step 3);
 * otherwise `wildcard-origin`, informational unless the response looks private.
 */
export function analyzeWildcard(data: HttpScanData): Finding[] {
  const wild = data.simple.filter(
    (o) => getHeader(o.exchange.headers, 'access-control-allow-origin') === '*',
  );
  const first = wild[0];
  if (!first) return [];
  const withCreds = wild.find(
    (o) => getHeader(o.exchange.headers, 'access-control-allow-credentials') === 'true',
  );
  if (withCreds) {
    return [
      makeFinding('wildcard-with-credentials', {
        url: data.url,
        origin: withCreds.probe.origin,
        access: 'anonymous',
        exchanges: [withCreds.exchange],
      }),
    ];
  }
  const priv = looksPrivate(data, first.exchange.headers);
  return [
    makeFinding('wildcard-origin', {
      url: data.url,
      origin: first.probe.origin,
      access: 'anonymous',
      exchanges: [first.exchange],
      ...(priv
        ? {
            severity: 'medium' as const,
            detail:
              'This response looks private (Cache-Control: private, a Set-Cookie, or an intranet host).',
          }
        : {}),
    }),
  ];
}
